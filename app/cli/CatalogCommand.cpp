#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "CliCommandLine.h"
#include "catalog/CatalogClient.h"
#include "catalog/CatalogGate.h"
#include "catalog/CatalogMigrator.h"

// tenantctl catalog migrate [--to N] [--init]
// tenantctl catalog status

namespace {

QString describeConnection(const PgConnection& c)
{
    return QStringLiteral("%1 on %2:%3 as %4").arg(c.database(), c.host(), c.port(), c.user());
}

int migrate(PgConnection& c, bool init, int target)
{
    if (!init && CatalogMigrator::currentVersion(c) == 0)
        throw CatalogGate::noCatalogError(c);
    // What the migration found under its lock: another admin may have migrated meanwhile.
    const CatalogMigrator::Result result = CatalogMigrator::migrate(c, target);
    cliOut() << "Catalog " << describeConnection(c) << '\n';
    if (result.to == result.from)
        cliOut() << "Already at version " << result.from << " (this build knows up to "
                 << CatalogMigrator::latestVersion() << "); nothing to do.\n";
    else
        cliOut() << "Migrated from version " << result.from << " to " << result.to << " (this build knows up to "
                 << CatalogMigrator::latestVersion() << ").\n";
    return 0;
}

int status(PgConnection& c)
{
    const CatalogInfo info = CatalogClient::inspect(c);
    QTextStream& out = cliOut();
    out << "Catalog    " << describeConnection(c) << '\n'
        << "Server     PostgreSQL " << info.serverVersion << '\n'
        << "Version    " << info.catalogVersion;
    if (info.status == CatalogInfo::Status::Older)
        out << ", older than this build's " << info.latestVersion << ": upgrade with `tenantctl catalog migrate`\n";
    else if (info.status == CatalogInfo::Status::Newer)
        out << ", newer than this build's " << info.latestVersion
            << ": read-only here, upgrade TenantDesk to change it\n";
    else
        out << " (current)\n";
    out << "Shards     " << info.shardCount << " (" << info.endpointCount << " endpoints)\n"
        << "Tenants    " << info.tenantCount << '\n'
        << "Domains    " << info.domainCount << '\n'
        << "Role       " << (info.canWrite ? "may change tenants" : "read-only on tenants")
        << (info.createDb ? ", CREATEDB" : "") << (info.superuser ? ", superuser" : "") << '\n';
    out.flush();
    return 0;
}

} // namespace

int runCatalog(const QStringList& args)
{
    const QCommandLineOption to(
        QStringLiteral("to"), QStringLiteral("migrate: stop at version N (default: the latest)."), QStringLiteral("N"));
    const QCommandLineOption init(QStringLiteral("init"),
                                  QStringLiteral("migrate: create the catalog in a database that has none."));
    const QString command = QStringLiteral("catalog");
    const CliCommandLine parser(
        args, {.usage = QStringLiteral("catalog migrate [--to N] [--init] | status"),
               .description = QStringLiteral(
                   "Creates, upgrades and describes the TenantDesk catalog.\n\n"
                   "  migrate  Applies the missing migrations in one transaction. Refuses a database\n"
                   "           without a catalog unless --init is given, and a catalog newer than\n"
                   "           this build (which this build only reads).\n"
                   "  status   Shows the catalog's version and what it holds."),
               .arguments = {{QStringLiteral("action"), QStringLiteral("migrate or status")}},
               .options = {to, init}});

    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (positional.size() != 1 || (action != QLatin1String("migrate") && action != QLatin1String("status")))
        return CliCatalogConnection::usageError(command, QStringLiteral("expected one action: migrate or status"));
    if (action == QLatin1String("status")) {
        if (parser.isSet(to) || parser.isSet(init))
            return CliCatalogConnection::usageError(command, QStringLiteral("--to and --init belong to migrate"));
        return CliCatalogConnection::withConnection(parser, status);
    }
    int target = CatalogMigrator::latestVersion();
    if (parser.isSet(to)) {
        bool ok = false;
        target = parser.value(to).toInt(&ok);
        if (!ok || target < 1)
            return CliCatalogConnection::usageError(
                command, QStringLiteral("--to expects a version number, not \"%1\"").arg(parser.value(to)));
    }
    return CliCatalogConnection::withConnection(
        parser, [&](PgConnection& c) { return migrate(c, parser.isSet(init), target); });
}
