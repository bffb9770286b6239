#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "CliCommandLine.h"
#include "ShardsCommands.h"
#include "base/TerminalText.h"
#include "fleetadmin/FleetListing.h"
#include "fleetadmin/ShardChecker.h"
#include "fleetadmin/ShardPreparer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// tenantctl shards check <shard> [--json] and shards prepare <shard> [--plan]: whether TenantDesk
// can work on a shard as the fleet's roles, each failure with its fix; and the fixes applied.

namespace {

void printReport(const ShardCheckReport& report)
{
    QTextStream& out = cliOut();
    out << "Shard " << TerminalText::escaped(report.shard) << ", as roles owner "
        << TerminalText::escaped(report.roles.owner) << ", admin " << TerminalText::escaped(report.roles.admin)
        << ", support " << TerminalText::escaped(report.roles.support) << ", applications "
        << TerminalText::escaped(report.roles.apps.join(QLatin1String(", "))) << ":\n";
    QString endpoint;
    for (const ShardCheckItem& item : report.items) {
        if (item.endpoint != endpoint || &item == &report.items.first()) {
            endpoint = item.endpoint;
            out << "  " << (endpoint.isEmpty() ? QStringLiteral("shard") : TerminalText::escaped(endpoint)) << '\n';
        }
        out << "    " << (item.ok ? "ok     " : "FAILED ") << TerminalText::escaped(item.what);
        if (!item.detail.isEmpty())
            out << ": " << TerminalText::escaped(item.detail);
        out << '\n';
        if (!item.ok)
            out << "           fix: " << TerminalText::escaped(item.fix) << '\n';
    }
    out << (report.ok() ? QStringLiteral("All %1 checks passed.\n").arg(report.items.size())
                        : QStringLiteral("%1 of %2 checks failed.\n").arg(report.failures()).arg(report.items.size()));
    out.flush();
}

void printJson(const ShardCheckReport& report)
{
    QJsonArray items;
    for (const ShardCheckItem& item : report.items)
        items.append(QJsonObject{{QStringLiteral("endpoint"), item.endpoint},
                                 {QStringLiteral("check"), item.what},
                                 {QStringLiteral("ok"), item.ok},
                                 {QStringLiteral("detail"), item.detail},
                                 {QStringLiteral("fix"), item.fix},
                                 {QStringLiteral("fix_sql"), item.fixSql}});
    const QJsonObject object{{QStringLiteral("shard"), report.shard},
                             {QStringLiteral("ok"), report.ok()},
                             {QStringLiteral("checks"), items}};
    cliPrintJson(QJsonDocument(object));
}

} // namespace

int runShardsCheck(const QStringList& args)
{
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the checks as JSON (shard, ok, checks: endpoint, check, ok, "
                                                 "detail, fix, fix_sql)."));
    const CliCommandLine parser(
        args, CliSyntax::exactly(QStringLiteral("shards check <shard> [--json]"),
                                 QStringLiteral("Checks that TenantDesk can work on a shard: every endpoint reached as "
                                                "the admin and support roles,\nits role as declared, the passfile, the "
                                                "roles' rights. Each failure comes with its fix.\nExit code 1 when a "
                                                "check failed."),
                                 {shardArgument()}, {json}, false));
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const ShardCheckReport report = ShardChecker(CliCatalogConnection::params(parser))
                                            .check(c, parser.positionalArguments().constFirst());
        if (parser.isSet(json))
            printJson(report);
        else
            printReport(report);
        return report.ok() ? 0 : 1;
    });
}

int runShardsPrepare(const QStringList& args)
{
    const QCommandLineOption planOnly(QStringLiteral("plan"), QStringLiteral("Print the SQL, and run nothing."));
    const CliCommandLine parser(
        args, CliSyntax::exactly(QStringLiteral("shards prepare <shard> [--plan] [--reason TEXT]"),
                                 QStringLiteral("Checks a shard, prints the SQL that fixes what failed, then runs what "
                                                "the admin role may\n(on the primary). What needs a password, "
                                                "pg_hba.conf or a superuser is printed for you to do."),
                                 {shardArgument()}, {planOnly}, true));
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const QString name = parser.positionalArguments().constFirst();
        const ShardChecker checker(CliCatalogConnection::params(parser));
        const FleetShard shard = FleetListing::shard(c, name);
        const FleetRoles roles = FleetRoles::load(c);
        const ShardCheckReport report = checker.check(shard, roles, ShardTenantObjects::load(c, shard.id));
        const QList<PrepareStep> plan = ShardPreparer::plan(report);
        QTextStream& out = cliOut();
        for (const PrepareStep& step : plan)
            out << "-- " << TerminalText::escaped(step.what) << '\n' << TerminalText::escaped(step.sql) << '\n';
        if (plan.isEmpty())
            out << "-- Nothing to do: no failed check has a fix to run.\n";
        out.flush();
        int refused = 0;
        if (!parser.isSet(planOnly)) {
            for (const PrepareStep& step :
                 ShardPreparer(checker).apply(c, shard, roles, plan, CliCatalogConnection::reason(parser))) {
                if (step.result == PrepareStep::Result::Refused) {
                    ++refused;
                    cliErr() << "refused: " << TerminalText::escaped(step.sql) << "\n  "
                             << TerminalText::escapedLines(step.error) << '\n';
                }
            }
            out << QStringLiteral("Applied %1 of %2 statements.\n").arg(plan.size() - refused).arg(plan.size());
        }
        int manual = 0;
        for (const ShardCheckItem& item : report.items)
            manual += !item.ok && item.fixSql.isEmpty() ? 1 : 0;
        if (manual > 0)
            out << manual << " failed check(s) need a fix by hand: see tenantctl shards check "
                << TerminalText::escaped(name) << '\n';
        out.flush();
        cliErr().flush();
        return refused > 0 ? 1 : 0;
    });
}
