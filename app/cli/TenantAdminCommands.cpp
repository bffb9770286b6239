#include "TenantAdminCommands.h"

#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "base/InputError.h"
#include "base/TerminalText.h"
#include "lifecycle/TemplateUpgrader.h"
#include "lifecycle/TenantLifecycle.h"
#include "provision/BatchCsv.h"
#include "provision/BatchProvisioner.h"
#include "provision/ShardConnections.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantTemplates.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QRegularExpression>

namespace {

const QString command = QStringLiteral("tenants");

// The command line of an action on one tenant: its slug is the only positional argument.
CliSyntax oneTenant(const QString& action, const QString& usage, const QString& description,
                    const QList<QCommandLineOption>& options, const QString& slugHelp = QStringLiteral("The tenant."))
{
    return {.usage = usage,
            .description = description,
            .arguments = {{QStringLiteral("slug"), slugHelp}},
            .options = options,
            .argumentCount = 1,
            .argumentError = QStringLiteral("%1 expects one tenant slug").arg(action)};
}

// The catalog connection plus shard connections with its credentials, for one lifecycle action.
int withTenantAdmin(const QCommandLineParser& parser, const std::function<int(PgConnection&, ShardConnections&)>& body)
{
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        ShardConnections shards(CliCatalogConnection::params(parser), FleetRoles::load(c));
        return body(c, shards);
    });
}

int done(const QString& message)
{
    cliOut() << message << '\n';
    cliOut().flush();
    return 0;
}

// "0", "90s", "30m", "12h", "7d" in seconds; -1 when it is none of those.
qint64 parseDuration(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d+)([smhd]?)$"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch())
        return -1;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    const qint64 factor = unit == QLatin1String("m")   ? 60
                          : unit == QLatin1String("h") ? 3600
                          : unit == QLatin1String("d") ? 86400
                                                       : 1;
    return n * factor;
}

int suspendOrResume(const QStringList& args, bool suspend)
{
    const QString action = suspend ? QStringLiteral("suspend") : QStringLiteral("resume");
    const QCommandLineOption reason = CliCatalogConnection::reasonOption();
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            oneTenant(action, QStringLiteral("tenants %1 <slug> [--reason TEXT]").arg(action),
                      suspend ? QStringLiteral("Suspends a tenant: the application role can no longer reach its "
                                               "schema, database or shared rows; support staff still read them.")
                              : QStringLiteral("Resumes a suspended or archived tenant: the application role "
                                               "reaches it again."),
                      {reason})))
        return *exit;
    const QString slug = parser.positionalArguments().constFirst();
    return withTenantAdmin(parser, [&](PgConnection& c, ShardConnections& shards) {
        TenantLifecycle lifecycle(c, shards);
        if (suspend)
            lifecycle.suspend(slug, parser.value(reason));
        else
            lifecycle.resume(slug, parser.value(reason));
        return done(QStringLiteral("Tenant %1 %2.")
                        .arg(slug, suspend ? QStringLiteral("suspended") : QStringLiteral("resumed")));
    });
}

// The catalog's one template for model, for a create without --template; when it has none or
// several, the message says which to name.
QString onlyTemplate(PgConnection& catalog, IsolationModel model)
{
    const QStringList names = TenantTemplates::names(TenantTemplates::all(catalog), model);
    if (names.size() == 1)
        return names.constFirst();
    if (names.isEmpty())
        throw InputError(QStringLiteral("The catalog has no template for %1 tenants: add one with `tenantctl "
                                        "templates add` or `templates import`.")
                             .arg(toString(model)));
    throw InputError(QStringLiteral("The catalog has several templates for %1 tenants: name one with --template (%2).")
                         .arg(toString(model), names.join(QLatin1String(", "))));
}

} // namespace

int runTenantsCreate(const QStringList& args)
{
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("The display name."), QStringLiteral("text"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("schema (default), database or shared."),
                                   QStringLiteral("model"), QStringLiteral("schema"));
    const QCommandLineOption shard(
        QStringLiteral("shard"),
        QStringLiteral("A shard name, or auto (default): the active shard with the most headroom."),
        QStringLiteral("name"), QStringLiteral("auto"));
    const QCommandLineOption templateName(
        QStringLiteral("template"),
        QStringLiteral("The template (default: the catalog's only template for the model, when it has one)."),
        QStringLiteral("name"));
    const QCommandLineOption version(QStringLiteral("version"),
                                     QStringLiteral("The template version (default: the latest)."), QStringLiteral("N"),
                                     QStringLiteral("0"));
    const QCommandLineOption domain(QStringLiteral("domain"),
                                    QStringLiteral("A domain routing to it: host, host:port or host/path. Repeatable."),
                                    QStringLiteral("domain"));
    const QCommandLineOption planOnly(QStringLiteral("plan"),
                                      QStringLiteral("Print the SQL it would run, and run nothing."));
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            oneTenant(
                QStringLiteral("create"),
                QStringLiteral("tenants create <slug> --name NAME [--model schema|database|shared] "
                               "[--shard NAME|auto] [--template NAME] [--version N] [--domain D]... [--plan]"),
                QStringLiteral("Creates a tenant: its catalog row, then its schema, database or shared-table "
                               "key on the shard,\nall or nothing. The input is checked before anything is sent."),
                {name, model, shard, templateName, version, domain, planOnly},
                QStringLiteral("Lower-case letters, digits, '-' and '_'."))))
        return *exit;
    const QString slug = parser.positionalArguments().constFirst();
    const std::optional<IsolationModel> isolation = isolationModelFromString(parser.value(model).toUtf8());
    if (!isolation)
        return CliCatalogConnection::usageError(command, QStringLiteral("--model is schema, database or shared"));
    bool versionOk = false;
    TenantSpec spec;
    spec.slug = slug;
    spec.displayName = parser.value(name);
    spec.model = *isolation;
    spec.shard = parser.value(shard) == QLatin1String("auto") ? QString() : parser.value(shard);
    spec.templateName = parser.value(templateName);
    spec.templateVersion = parser.value(version).toInt(&versionOk);
    spec.domains = parser.values(domain);
    if (!versionOk)
        return CliCatalogConnection::usageError(command, QStringLiteral("--version expects a number"));

    return withTenantAdmin(parser, [&](PgConnection& c, ShardConnections& shards) {
        if (spec.templateName.isEmpty())
            spec.templateName = onlyTemplate(c, spec.model);
        TenantProvisioner provisioner(c, shards);
        QElapsedTimer timer;
        timer.start();
        const ProvisionPlan plan = provisioner.plan(spec);
        if (parser.isSet(planOnly))
            return done(plan.statements().join(QLatin1String("\n\n")));
        const qint64 id = provisioner.run(plan);
        const QString created = QStringLiteral("Created tenant %1 (id %2): %3 on %4 from %5 v%6, in %7 ms.")
                                    .arg(plan.spec.slug)
                                    .arg(id)
                                    .arg(toString(plan.spec.model), plan.shard.name, plan.spec.templateName)
                                    .arg(plan.spec.templateVersion)
                                    .arg(timer.elapsed());
        return done((QStringList{created} + provisioner.notes()).join(u'\n'));
    });
}

int runTenantsSuspend(const QStringList& args)
{
    return suspendOrResume(args, true);
}

int runTenantsResume(const QStringList& args)
{
    return suspendOrResume(args, false);
}

int runTenantsEdit(const QStringList& args)
{
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("The new display name."),
                                  QStringLiteral("text"));
    const QCommandLineOption domains(QStringLiteral("domains"),
                                     QStringLiteral("All of its domains, comma-separated (empty: none)."),
                                     QStringLiteral("list"));
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            oneTenant(QStringLiteral("edit"), QStringLiteral("tenants edit <slug> [--name NAME] [--domains D,D,...]"),
                      QStringLiteral("Changes a tenant's display name or its domains."), {name, domains})))
        return *exit;
    const QString slug = parser.positionalArguments().constFirst();
    if (!parser.isSet(name) && !parser.isSet(domains))
        return CliCatalogConnection::usageError(command, QStringLiteral("edit needs --name or --domains"));
    return withTenantAdmin(parser, [&](PgConnection& c, ShardConnections& shards) {
        TenantLifecycle lifecycle(c, shards);
        if (parser.isSet(name))
            lifecycle.rename(slug, parser.value(name));
        if (parser.isSet(domains))
            lifecycle.setDomains(slug, parser.value(domains).split(u',', Qt::SkipEmptyParts));
        return done(QStringLiteral("Tenant %1 changed.").arg(slug));
    });
}

int runTenantsArchive(const QStringList& args)
{
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("The dump file, or a directory to write it into."),
                                QStringLiteral("path"));
    const QCommandLineOption overwrite(QStringLiteral("overwrite"), QStringLiteral("Replace the file if it exists."));
    const QCommandLineOption reason = CliCatalogConnection::reasonOption();
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            oneTenant(QStringLiteral("archive"),
                      QStringLiteral("tenants archive <slug> --to FILE-OR-DIR [--overwrite] [--reason TEXT]"),
                      QStringLiteral(
                          "Dumps a tenant's data to a file (pg_dump; for a shared-table tenant a psql script of "
                          "its rows), then\n"
                          "marks it archived: the application can no longer reach it; its data stays until deleted. "
                          "The file\n"
                          "is created new and readable only by you; an existing file is replaced only with "
                          "--overwrite.\n"
                          "Prints the command that restores it."),
                      {to, overwrite, reason})))
        return *exit;
    const QString slug = parser.positionalArguments().constFirst();
    if (!parser.isSet(to))
        return CliCatalogConnection::usageError(command, QStringLiteral("archive needs --to, where the dump goes"));
    return withTenantAdmin(parser, [&](PgConnection& c, ShardConnections& shards) {
        const TenantArchiver::Result dump = TenantLifecycle(c, shards).archive(
            slug, parser.value(to),
            parser.isSet(overwrite) ? OutputFile::Existing::Replace : OutputFile::Existing::Keep, parser.value(reason));
        return done(QStringLiteral("Tenant %1 archived to %2 (%3 bytes, %4).\nRestore with: %5")
                        .arg(slug, dump.path)
                        .arg(dump.bytes)
                        .arg(dump.method, dump.restoreCommand));
    });
}

int runTenantsDelete(const QStringList& args)
{
    const QCommandLineOption confirm(QStringLiteral("confirm"), QStringLiteral("The slug again, to confirm."),
                                     QStringLiteral("slug"));
    const QCommandLineOption retain(QStringLiteral("retain"),
                                    QStringLiteral("Keep the data for 0 (default), 90s, 30m, 12h or 7d."),
                                    QStringLiteral("duration"), QStringLiteral("0"));
    const QCommandLineOption reason = CliCatalogConnection::reasonOption();
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            oneTenant(QStringLiteral("delete"),
                      QStringLiteral("tenants delete <slug> --confirm <slug> [--retain 0|30m|12h|7d] [--reason TEXT]"),
                      QStringLiteral("Deletes a tenant. With --retain its data is kept (out of the application's "
                                     "reach) for that long\n"
                                     "and a later `tenantctl reconcile` purges it; without, it is purged at once."),
                      {confirm, retain, reason})))
        return *exit;
    const QString slug = parser.positionalArguments().constFirst();
    const qint64 seconds = parseDuration(parser.value(retain));
    if (seconds < 0)
        return CliCatalogConnection::usageError(command,
                                                QStringLiteral("--retain expects e.g. 0, 90s, 30m, 12h or 7d"));
    return withTenantAdmin(parser, [&](PgConnection& c, ShardConnections& shards) {
        TenantLifecycle(c, shards).remove(slug, parser.value(confirm), seconds, parser.value(reason));
        return done(seconds == 0
                        ? QStringLiteral("Tenant %1 deleted.").arg(slug)
                        : QStringLiteral("Tenant %1 is being deleted: its data goes in %2 s (reconcile purges it).")
                              .arg(slug)
                              .arg(seconds));
    });
}

int runTenantsBatch(const QStringList& args)
{
    const QCommandLineOption sessions(
        QStringLiteral("sessions"),
        QStringLiteral("At most this many shards at once (default %1).").arg(BatchProvisioner::DefaultMaxSessions),
        QStringLiteral("N"), QString::number(BatchProvisioner::DefaultMaxSessions));
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            {.usage = QStringLiteral("tenants batch <file.csv> [--sessions N]"),
             .description = QStringLiteral(
                 "Creates the tenants of a CSV file (header: slug,name,model,shard,template,version,domains),\n"
                 "one session per shard, shards in parallel. Run it again to resume: tenants that exist are\n"
                 "skipped, failed ones are tried again."),
             .arguments = {{QStringLiteral("file"), QStringLiteral("The CSV file (UTF-8).")}},
             .options = {sessions},
             .argumentCount = 1,
             .argumentError = QStringLiteral("batch expects one CSV file")}))
        return *exit;
    bool ok = false;
    const int maxSessions = parser.value(sessions).toInt(&ok);
    if (!ok || maxSessions < 1)
        return CliCatalogConnection::usageError(command, QStringLiteral("--sessions expects a positive number"));
    QFile file(parser.positionalArguments().constFirst());
    if (!file.open(QIODevice::ReadOnly)) {
        cliErr() << "tenantctl: cannot read " << file.fileName() << ": " << file.errorString() << '\n';
        cliErr().flush();
        return 1;
    }
    try {
        QList<BatchRow> rows = BatchCsv::parse(file.readAll());
        QElapsedTimer timer;
        timer.start();
        BatchProvisioner(CliCatalogConnection::params(parser), maxSessions)
            .run(
                rows,
                [](int, const BatchRow& row) {
                    if (row.state == JobState::Running)
                        return;
                    cliOut() << "line " << row.line << "  " << TerminalText::escaped(row.spec.slug) << "  "
                             << BatchRow::stateName(row.state) << "  "
                             << TerminalText::escaped(row.message.section(u'\n', 0, 0)) << '\n';
                    cliOut().flush();
                },
                CancelToken());
        QHash<JobState, int> counts;
        for (const BatchRow& row : std::as_const(rows))
            ++counts[row.state];
        const int unconfirmed = counts.value(JobState::Unconfirmed);
        cliOut() << QStringLiteral("%1 created, %2 skipped, %3 failed in %4 s.\n")
                        .arg(counts.value(JobState::Done))
                        .arg(counts.value(JobState::Skipped))
                        .arg(counts.value(JobState::Failed))
                        .arg(double(timer.elapsed()) / 1000, 0, 'f', 1);
        if (unconfirmed > 0)
            cliOut() << QStringLiteral("%1 unconfirmed: their outcome is unknown and left for `tenantctl "
                                       "reconcile`.\n")
                            .arg(unconfirmed);
        cliOut().flush();
        return counts.value(JobState::Failed) == 0 && unconfirmed == 0 ? 0 : 1;
    } catch (const Failure& e) {
        cliErr() << "tenantctl: " << TerminalText::escapedLines(e.text()) << '\n';
        cliErr().flush();
        return 1;
    }
}

int runTenantsUpgrade(const QStringList& args)
{
    const QCommandLineOption templateName(QStringLiteral("template"), QStringLiteral("The template."),
                                          QStringLiteral("name"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("schema, database or shared."),
                                   QStringLiteral("model"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("The version to upgrade to."),
                                QStringLiteral("N"));
    const QCommandLineOption tenants(QStringLiteral("tenants"),
                                     QStringLiteral("Only these slugs, comma-separated (default: all at N-1)."),
                                     QStringLiteral("slugs"));
    const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("Only list the tenants it would upgrade."));
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            {.usage = QStringLiteral("tenants upgrade --template NAME --model M --to N [--tenants SLUG,...] [--list]"),
             .description = QStringLiteral(
                 "Upgrades tenants from version N-1 to N of a template (its upgrade_ddl), one at a time; a failure\n"
                 "stops only that tenant. Run it again to retry the failed ones."),
             .options = {templateName, model, to, tenants, list}}))
        return *exit;
    bool ok = false;
    const int version = parser.value(to).toInt(&ok);
    const std::optional<IsolationModel> isolation = isolationModelFromString(parser.value(model).toUtf8());
    if (!parser.isSet(templateName) || !isolation || !ok || version < 2)
        return CliCatalogConnection::usageError(command,
                                                QStringLiteral("upgrade needs --template, --model (schema, database or "
                                                               "shared) and --to (a version from 2 on)"));
    return withTenantAdmin(parser, [&](PgConnection& c, ShardConnections& shards) {
        TemplateUpgrader upgrader(c, shards, parser.value(templateName), *isolation, version);
        QList<UpgradeRow> rows = upgrader.candidates(parser.value(tenants).split(u',', Qt::SkipEmptyParts));
        if (parser.isSet(list)) {
            for (const UpgradeRow& row : std::as_const(rows))
                cliOut() << TerminalText::escaped(row.slug) << "  " << TerminalText::escaped(row.shard) << "  v"
                         << row.fromVersion << '\n';
            return done(QStringLiteral("%1 tenants to upgrade.").arg(rows.size()));
        }
        int failed = 0;
        upgrader.run(
            rows,
            [&](int, const UpgradeRow& row) {
                if (row.state == JobState::Running)
                    return;
                failed += row.state == JobState::Failed;
                cliOut() << TerminalText::escaped(row.slug) << "  " << UpgradeRow::stateName(row.state) << "  "
                         << TerminalText::escapedLines(row.message) << '\n';
                cliOut().flush();
            },
            CancelToken());
        cliOut() << QStringLiteral("%1 tenants, %2 failed.\n").arg(rows.size()).arg(failed);
        cliOut().flush();
        return failed == 0 ? 0 : 1;
    });
}

int runTenantsVersions(const QStringList& args)
{
    QCommandLineParser parser;
    if (auto exit = CliCatalogConnection::parse(
            parser, args,
            {.usage = QStringLiteral("tenants versions"),
             .description = QStringLiteral("How many tenants are at each version of each template.")}))
        return *exit;
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        cliOut() << "TEMPLATE  MODEL  VERSION  LATEST  STATE  TENANTS\n";
        for (const TemplateUpgrader::VersionCount& v : TemplateUpgrader::versions(c))
            cliOut() << TerminalText::escaped(v.templateName) << "  " << toString(v.model) << "  v" << v.version
                     << "  v" << v.latest << "  " << TerminalText::escaped(v.state) << "  " << v.tenants << '\n';
        cliOut().flush();
        return 0;
    });
}
