#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "CliCommandLine.h"
#include "base/TerminalText.h"
#include "lifecycle/TenantReconciler.h"
#include "provision/ShardConnections.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// tenantctl reconcile [--dry-run] [--stuck-minutes N] [--prefix SLUG] [--json]: TenantReconciler
// from a shell or a cron job. Exit code 0 when nothing is left to do, 1 when something needs a
// person or could not be repaired.

namespace {

QString kindName(ReconcileFinding::Kind kind)
{
    switch (kind) {
    case ReconcileFinding::Kind::StuckProvisioning:
        return QStringLiteral("stuck-provisioning");
    case ReconcileFinding::Kind::FailedLeftover:
        return QStringLiteral("failed-leftover");
    case ReconcileFinding::Kind::Missing:
        return QStringLiteral("missing");
    case ReconcileFinding::Kind::WrongShard:
        return QStringLiteral("wrong-shard");
    case ReconcileFinding::Kind::AccessDrift:
        return QStringLiteral("access-drift");
    case ReconcileFinding::Kind::DeletingDue:
        return QStringLiteral("deleting-due");
    case ReconcileFinding::Kind::Orphan:
        return QStringLiteral("orphan");
    case ReconcileFinding::Kind::ShardUnreachable:
        return QStringLiteral("shard-unreachable");
    }
    return {};
}

} // namespace

int runReconcile(const QStringList& args)
{
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("Report what it would repair; change nothing."));
    const QCommandLineOption stuck(QStringLiteral("stuck-minutes"),
                                   QStringLiteral("Provisioning older than this counts as interrupted (default 10)."),
                                   QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption prefix(QStringLiteral("prefix"),
                                    QStringLiteral("Only tenants and objects whose slug starts with this."),
                                    QStringLiteral("slug"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print a JSON array of findings."));
    const CliCommandLine parser(
        args, {.usage = QStringLiteral("reconcile [--dry-run] [--stuck-minutes N] [--prefix SLUG] [--json]"),
               .description = QStringLiteral(
                   "Compares the catalog with the shards. Repairs what is safe: finishes or rolls back provisioning\n"
                   "that was interrupted, drops what a failed provisioning left, purges deletions that are due,\n"
                   "makes the application's access match each tenant's state. Reports the rest (orphans, missing\n"
                   "objects, tenants on another shard). A second run finds nothing more to repair."),
               .options = {dryRun, stuck, prefix, json},
               .argumentCount = 0,
               .argumentError = QStringLiteral("takes no arguments")});
    bool ok = false;
    TenantReconciler::Options options;
    options.dryRun = parser.isSet(dryRun);
    options.stuckMinutes = parser.value(stuck).toInt(&ok);
    options.slugPrefix = parser.value(prefix);
    if (!ok || options.stuckMinutes < 0)
        return CliCatalogConnection::usageError(QStringLiteral("reconcile"),
                                                QStringLiteral("--stuck-minutes expects a number"));

    return CliCatalogConnection::withShards(parser, [&](PgConnection& c, ShardConnections& shards) {
        const TenantReconciler::Report report = TenantReconciler(c, shards).run(options);
        QTextStream& out = cliOut();
        if (parser.isSet(json)) {
            QJsonArray rows;
            for (const ReconcileFinding& f : report.findings)
                rows.append(QJsonObject{{QStringLiteral("kind"), kindName(f.kind)},
                                        {QStringLiteral("shard"), f.shard},
                                        {QStringLiteral("slug"), f.slug},
                                        {QStringLiteral("object"), f.object},
                                        {QStringLiteral("description"), f.description},
                                        {QStringLiteral("repaired"), f.repaired},
                                        {QStringLiteral("outcome"), f.outcome}});
            cliPrintJson(QJsonDocument(rows));
        } else {
            for (const ReconcileFinding& f : report.findings) {
                out << kindName(f.kind) << "  " << TerminalText::escaped(f.shard) << "  "
                    << TerminalText::escaped(f.slug.isEmpty() ? f.object : f.slug) << "\n    "
                    << TerminalText::escaped(f.description) << '\n';
                if (!f.outcome.isEmpty())
                    out << "    -> " << TerminalText::escaped(f.outcome) << '\n';
            }
            out << (report.findings.isEmpty()
                        ? QStringLiteral("Nothing to do: the catalog and the shards agree.\n")
                        : QStringLiteral("%1 repaired, %2 to repair, %3 for a person to look at.\n")
                              .arg(report.repaired())
                              .arg(report.toRepair() - report.repaired())
                              .arg(report.attention()));
        }
        out.flush();
        return report.repaired() == report.toRepair() && report.attention() == 0 ? 0 : 1;
    });
}
