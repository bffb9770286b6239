#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "CliCommandLine.h"
#include "ShardsCommands.h"
#include "base/InputError.h"
#include "base/TerminalText.h"
#include "catalog/FleetRoles.h"
#include "fleetadmin/FleetEditor.h"
#include "fleetadmin/FleetInput.h"
#include "fleetadmin/FleetListing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

// tenantctl shards list|add|edit|drain|activate|retire|endpoint-add|endpoint-edit|endpoint-remove
// (and check|prepare, in ShardCheckCommand.cpp): the fleet's shape, changed through FleetEditor,
// each change audited.

namespace {

const QString command = QStringLiteral("shards");

// The options that describe a shard; on edit, those given replace the shard's current values.
struct ShardOptions {
    QCommandLineOption name{QStringLiteral("name"), QStringLiteral("A new name."), QStringLiteral("name")};
    QCommandLineOption database{
        QStringLiteral("database"),
        QStringLiteral("The database holding its schema and shared-table tenants: the application's database "
                       "(default: postgres, the maintenance database, for a server whose tenants are databases)."),
        QStringLiteral("name")};
    QCommandLineOption capacity{QStringLiteral("capacity"),
                                QStringLiteral("How many tenants it takes (default: 1000)."), QStringLiteral("N")};
    QCommandLineOption app{QStringLiteral("app"),
                           QStringLiteral("A role the application on this shard connects as (repeat for each; "
                                          "default: the fleet's, tenantctl fleet roles --app). TenantDesk grants "
                                          "them their way into the shard's tenants; suspension locks them out."),
                           QStringLiteral("role")};
    QCommandLineOption fleetApps{QStringLiteral("fleet-apps"),
                                 QStringLiteral("The application roles of this shard are the fleet's again.")};
    QCommandLineOption tenantOwner{
        QStringLiteral("tenant-owner"),
        QStringLiteral("Who owns a new tenant's schema and tables: owner (the fleet's owner role, the default) or "
                       "app:ROLE, one of the shard's application roles, which then creates and alters its tables "
                       "itself (django-tenants' migrate_schemas)."),
        QStringLiteral("owner|app:ROLE")};

    // spec with the options given applied; nullopt after printing a usage error. Only options
    // given are asked about: each action defines some of them.
    std::optional<ShardSpec> apply(const QCommandLineParser& parser, ShardSpec spec) const
    {
        CliCatalogConnection::copyGiven(parser, {{&name, &spec.name}, {&database, &spec.tenantDatabase}});
        const QStringList given = parser.optionNames();
        auto isSet = [&](const QCommandLineOption& option) { return given.contains(option.names().constFirst()); };
        if (isSet(app) && isSet(fleetApps)) {
            CliCatalogConnection::usageError(command, QStringLiteral("give --app or --fleet-apps, not both"));
            return std::nullopt;
        }
        if (isSet(app))
            spec.appRoles = parser.values(app);
        if (isSet(fleetApps))
            spec.appRoles.reset();
        if (isSet(tenantOwner)) {
            const QString value = parser.value(tenantOwner);
            if (value == QLatin1String("owner")) {
                spec.tenantOwner.clear();
            } else if (value.startsWith(QLatin1String("app:")) && value.size() > 4) {
                spec.tenantOwner = value.mid(4);
            } else {
                CliCatalogConnection::usageError(command, QStringLiteral("--tenant-owner expects owner or app:ROLE"));
                return std::nullopt;
            }
        }
        if (isSet(capacity)) {
            bool ok = false;
            spec.capacity = parser.value(capacity).toInt(&ok);
            if (!ok) {
                CliCatalogConnection::usageError(command, QStringLiteral("--capacity expects a number"));
                return std::nullopt;
            }
        }
        return spec;
    }
};

// The options that describe an endpoint; on edit, those given replace its current values.
struct EndpointOptions {
    QCommandLineOption role{QStringLiteral("role"), QStringLiteral("primary (default on add) or replica."),
                            QStringLiteral("role")};
    QCommandLineOption host{QStringLiteral("host"), QStringLiteral("Host name, address or Unix socket directory."),
                            QStringLiteral("host")};
    QCommandLineOption port{QStringLiteral("port"), QStringLiteral("Port (default: 5432)."), QStringLiteral("port")};
    QCommandLineOption maxLag{QStringLiteral("max-lag"),
                              QStringLiteral("Seconds a replica may lag and still serve reads (default: 5)."),
                              QStringLiteral("seconds")};
    QCommandLineOption pooling{QStringLiteral("pooling"),
                               QStringLiteral("none (default), or transaction: it is a transaction-pooling PgBouncer."),
                               QStringLiteral("mode")};

    QList<QCommandLineOption> all() const { return {role, host, port, maxLag, pooling}; }

    std::optional<EndpointSpec> apply(const QCommandLineParser& parser, EndpointSpec spec) const
    {
        CliCatalogConnection::copyGiven(parser, {{&role, &spec.role}, {&host, &spec.host}, {&pooling, &spec.pooling}});
        bool ok = true;
        if (parser.isSet(port))
            spec.port = parser.value(port).toInt(&ok);
        if (!ok) {
            CliCatalogConnection::usageError(command, QStringLiteral("--port expects a number from 1 to 65535"));
            return std::nullopt;
        }
        if (parser.isSet(maxLag))
            spec.maxLagSeconds = parser.value(maxLag).toDouble(&ok);
        if (!ok) {
            CliCatalogConnection::usageError(command, QStringLiteral("--max-lag expects a number of seconds"));
            return std::nullopt;
        }
        return spec;
    }
};

const std::pair<QString, QString> endpointArgument{QStringLiteral("host:port"),
                                                   QStringLiteral("The endpoint, as the catalog has it.")};

// A shard's application roles for the table: its own, or the fleet's marked as such.
QString appRolesCell(const FleetShard& shard, const FleetRoles& fleet)
{
    return shard.spec.appRoles ? shard.spec.appRoles->join(QLatin1String(", "))
                               : QStringLiteral("(fleet) ") + fleet.apps.join(QLatin1String(", "));
}

QJsonObject toJson(const FleetShard& shard, const FleetRoles& fleet)
{
    QJsonArray endpoints;
    for (const FleetEndpoint& e : shard.endpoints)
        endpoints.append(QJsonObject{{QStringLiteral("id"), e.id},
                                     {QStringLiteral("role"), e.spec.role},
                                     {QStringLiteral("host"), e.spec.host},
                                     {QStringLiteral("port"), e.spec.port},
                                     {QStringLiteral("max_lag_seconds"), e.spec.maxLagSeconds},
                                     {QStringLiteral("pooling"), e.spec.pooling}});
    return {{QStringLiteral("id"), shard.id},
            {QStringLiteral("name"), shard.spec.name},
            {QStringLiteral("state"), toString(shard.state)},
            {QStringLiteral("tenant_database"), shard.spec.tenantDatabase},
            {QStringLiteral("capacity"), shard.spec.capacity},
            {QStringLiteral("live_tenants"), shard.liveTenants},
            // null: the fleet's, which app_roles_in_use then names
            {QStringLiteral("app_roles"),
             shard.spec.appRoles ? QJsonValue(QJsonArray::fromStringList(*shard.spec.appRoles)) : QJsonValue()},
            // null: the fleet's owner role
            {QStringLiteral("tenant_owner"),
             shard.spec.tenantOwner.isEmpty() ? QJsonValue() : QJsonValue(shard.spec.tenantOwner)},
            {QStringLiteral("app_roles_in_use"), QJsonArray::fromStringList(fleet.onShard(shard.spec.appRoles).apps)},
            {QStringLiteral("endpoints"), endpoints}};
}

// One line per endpoint (a shard without any gets one line too), columns padded to fit.
void printTable(const QList<FleetShard>& shards, const FleetRoles& fleet)
{
    QList<QStringList> rows{{QStringLiteral("SHARD"), QStringLiteral("STATE"), QStringLiteral("DATABASE"),
                             QStringLiteral("CAPACITY"), QStringLiteral("TENANTS"), QStringLiteral("APP ROLES"),
                             QStringLiteral("TENANT OWNER"), QStringLiteral("ROLE"), QStringLiteral("ENDPOINT"),
                             QStringLiteral("MAX LAG"), QStringLiteral("POOLING")}};
    for (const FleetShard& s : shards) {
        QStringList shardCells{s.spec.name,
                               toString(s.state),
                               s.spec.tenantDatabase,
                               QString::number(s.spec.capacity),
                               QString::number(s.liveTenants),
                               appRolesCell(s, fleet),
                               s.spec.tenantOwner.isEmpty() ? QStringLiteral("owner")
                                                            : QStringLiteral("app:") + s.spec.tenantOwner};
        if (s.endpoints.isEmpty())
            rows.append(shardCells + QStringList{QStringLiteral("-"), QStringLiteral("(none)"), {}, {}});
        for (qsizetype i = 0; i < s.endpoints.size(); ++i) {
            const EndpointSpec& e = s.endpoints[i].spec;
            rows.append((i == 0 ? shardCells : QStringList(shardCells.size()))
                        + QStringList{e.role, QStringLiteral("%1:%2").arg(e.host).arg(e.port),
                                      QString::number(e.maxLagSeconds), e.pooling});
        }
    }
    QList<qsizetype> width(rows.first().size(), 0);
    for (QStringList& row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            row[c] = TerminalText::escaped(row[c]); // names from the catalog are shown inert
            width[c] = std::max(width[c], row[c].size());
        }
    }
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype c = 0; c < row.size(); ++c)
            line += c + 1 < row.size() ? row[c].leftJustified(width[c] + 2) : row[c];
        cliOut() << line << '\n';
    }
    cliOut().flush();
}

int runList(const QStringList& args)
{
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print a JSON array of shards, each with its endpoints."));
    const CliCommandLine parser(
        args, CliSyntax::exactly(QStringLiteral("shards list [--json]"),
                                 QStringLiteral("Lists the shards, their endpoints, how many live tenants each holds "
                                                "and the roles its application connects as."),
                                 {}, {json}, false));
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const QList<FleetShard> shards = FleetListing::load(c);
        const FleetRoles fleet = FleetRoles::load(c);
        if (parser.isSet(json)) {
            QJsonArray array;
            for (const FleetShard& s : shards)
                array.append(toJson(s, fleet));
            cliPrintJson(QJsonDocument(array));
            cliOut().flush();
        } else {
            printTable(shards, fleet);
        }
        return 0;
    });
}

int runAdd(const QStringList& args)
{
    const ShardOptions options;
    const CliCommandLine parser(
        args, CliSyntax::exactly(QStringLiteral("shards add <shard> [--database DB] [--capacity N] [--app ROLE]... "
                                                "[--tenant-owner owner|app:ROLE] [--reason TEXT]"),
                                 QStringLiteral("Registers a shard (active; add its endpoints next, then check it)."),
                                 {shardArgument()},
                                 {options.database, options.capacity, options.app, options.tenantOwner}, true));
    ShardSpec base;
    base.name = parser.positionalArguments().constFirst();
    const std::optional<ShardSpec> spec = options.apply(parser, base);
    if (!spec)
        return 2;
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const int id = FleetEditor(c).addShard(*spec, CliCatalogConnection::reason(parser));
        return cliDone(QStringLiteral("Added shard %1 (id %2). Next: tenantctl shards endpoint-add %1 --host HOST "
                                      "--port PORT, then tenantctl shards check %1")
                           .arg(spec->name)
                           .arg(id));
    });
}

int runEdit(const QStringList& args)
{
    const ShardOptions options;
    const CliCommandLine parser(
        args, CliSyntax::exactly(QStringLiteral("shards edit <shard> [--name NAME] [--database DB] [--capacity N] "
                                                "[--app ROLE]... | [--fleet-apps] [--tenant-owner owner|app:ROLE] "
                                                "[--reason TEXT]"),
                                 QStringLiteral("Changes a shard's name, tenant database, capacity, application roles "
                                                "(--app, each given replaces them all) or who owns its new tenants."),
                                 {shardArgument()},
                                 {options.name, options.database, options.capacity, options.app, options.fleetApps,
                                  options.tenantOwner},
                                 true));
    if (!parser.isSet(options.name) && !parser.isSet(options.database) && !parser.isSet(options.capacity)
        && !parser.isSet(options.app) && !parser.isSet(options.fleetApps) && !parser.isSet(options.tenantOwner))
        return CliCatalogConnection::usageError(
            command,
            QStringLiteral("edit needs --name, --database, --capacity, --app, --fleet-apps or --tenant-owner"));
    const QString name = parser.positionalArguments().constFirst();
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const std::optional<ShardSpec> spec = options.apply(parser, FleetListing::shard(c, name).spec);
        if (!spec)
            return 2;
        FleetEditor(c).editShard(name, *spec, CliCatalogConnection::reason(parser));
        return cliDone(QStringLiteral("Shard %1 changed.").arg(spec->name));
    });
}

// drain, activate and retire: a shard's name and a reason.
int runStateChange(const QStringList& args, const QString& action)
{
    const QString description = action == QLatin1String("drain")
                                    ? QStringLiteral("Stops placing new tenants on a shard; its tenants stay.")
                                : action == QLatin1String("activate")
                                    ? QStringLiteral("Places new tenants on a drained shard again.")
                                    : QStringLiteral("Retires a shard that holds no live tenants.");
    const CliCommandLine parser(args,
                                CliSyntax::exactly(QStringLiteral("shards %1 <shard> [--reason TEXT]").arg(action),
                                                   description, {shardArgument()}, {}, true));
    const QString name = parser.positionalArguments().constFirst();
    const QString reason = CliCatalogConnection::reason(parser);
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        FleetEditor editor(c);
        if (action == QLatin1String("retire"))
            editor.retire(name, reason);
        else
            editor.setDraining(name, action == QLatin1String("drain"), reason);
        return cliDone(QStringLiteral("Shard %1 %2.")
                           .arg(name, action == QLatin1String("drain")      ? QStringLiteral("is draining")
                                      : action == QLatin1String("activate") ? QStringLiteral("is active")
                                                                            : QStringLiteral("is retired")));
    });
}

int runEndpointAdd(const QStringList& args)
{
    const EndpointOptions options;
    const CliCommandLine parser(
        args, CliSyntax::exactly(
                  QStringLiteral("shards endpoint-add <shard> --host HOST [--port PORT] [--role primary|replica] "
                                 "[--max-lag S] [--pooling none|transaction] [--reason TEXT]"),
                  QStringLiteral("Adds an endpoint to a shard: its primary (one per shard) or a streaming replica."),
                  {shardArgument()}, options.all(), true));
    if (!parser.isSet(options.host))
        return CliCatalogConnection::usageError(command, QStringLiteral("endpoint-add needs --host"));
    const std::optional<EndpointSpec> spec = options.apply(parser, {});
    if (!spec)
        return 2;
    const QString shard = parser.positionalArguments().constFirst();
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const int id = FleetEditor(c).addEndpoint(shard, *spec, CliCatalogConnection::reason(parser));
        return cliDone(QStringLiteral("Added %1 %2:%3 to shard %4 (endpoint %5).")
                           .arg(spec->role, spec->host)
                           .arg(spec->port)
                           .arg(shard)
                           .arg(id));
    });
}

// The endpoint of shard at address; throws InputError when there is none.
FleetEndpoint endpointAt(PgConnection& c, const QString& shard, const QString& address)
{
    const auto [host, port] = FleetInput::parseAddress(address);
    const FleetShard found = FleetListing::shard(c, shard);
    if (const FleetEndpoint* endpoint = found.endpointAt(host, port))
        return *endpoint;
    QStringList there;
    for (const FleetEndpoint& e : found.endpoints)
        there.append(QStringLiteral("%1:%2").arg(e.spec.host).arg(e.spec.port));
    throw InputError(QStringLiteral("Shard %1 has no endpoint at %2 (it has: %3).")
                         .arg(shard, address, there.isEmpty() ? QStringLiteral("none") : there.join(u' ')));
}

int runEndpointEdit(const QStringList& args)
{
    const EndpointOptions options;
    const CliCommandLine parser(
        args, CliSyntax::exactly(
                  QStringLiteral("shards endpoint-edit <shard> <host:port> [--host HOST] [--port PORT] "
                                 "[--role primary|replica] [--max-lag S] [--pooling none|transaction] [--reason TEXT]"),
                  QStringLiteral("Changes an endpoint: the options given replace its values."),
                  {shardArgument(), endpointArgument}, options.all(), true));
    const QString shard = parser.positionalArguments().at(0);
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const FleetEndpoint endpoint = endpointAt(c, shard, parser.positionalArguments().at(1));
        const std::optional<EndpointSpec> spec = options.apply(parser, endpoint.spec);
        if (!spec)
            return 2;
        FleetEditor(c).editEndpoint(shard, endpoint.id, *spec, CliCatalogConnection::reason(parser));
        return cliDone(QStringLiteral("Endpoint %1 of shard %2 is now %3 %4:%5 (max lag %6 s, pooling %7).")
                           .arg(endpoint.id)
                           .arg(shard, spec->role, spec->host)
                           .arg(spec->port)
                           .arg(spec->maxLagSeconds)
                           .arg(spec->pooling));
    });
}

int runEndpointRemove(const QStringList& args)
{
    const CliCommandLine parser(
        args, CliSyntax::exactly(
                  QStringLiteral("shards endpoint-remove <shard> <host:port> [--reason TEXT]"),
                  QStringLiteral("Removes an endpoint from a shard (not the primary of a shard with live tenants)."),
                  {shardArgument(), endpointArgument}, {}, true));
    const QString shard = parser.positionalArguments().at(0);
    return CliCatalogConnection::withConnection(parser, [&](PgConnection& c) {
        const FleetEndpoint endpoint = endpointAt(c, shard, parser.positionalArguments().at(1));
        FleetEditor(c).removeEndpoint(shard, endpoint.id, CliCatalogConnection::reason(parser));
        return cliDone(QStringLiteral("Removed %1 from shard %2.").arg(endpoint.label(), shard));
    });
}

} // namespace

std::pair<QString, QString> shardArgument()
{
    return {QStringLiteral("shard"), QStringLiteral("The shard's name.")};
}

int runShards(const QStringList& args)
{
    static const CliActions actions{
        {QStringLiteral("list"), runList},
        {QStringLiteral("add"), runAdd},
        {QStringLiteral("edit"), runEdit},
        {QStringLiteral("drain"), [](const QStringList& a) { return runStateChange(a, QStringLiteral("drain")); }},
        {QStringLiteral("activate"),
         [](const QStringList& a) { return runStateChange(a, QStringLiteral("activate")); }},
        {QStringLiteral("retire"), [](const QStringList& a) { return runStateChange(a, QStringLiteral("retire")); }},
        {QStringLiteral("endpoint-add"), runEndpointAdd},
        {QStringLiteral("endpoint-edit"), runEndpointEdit},
        {QStringLiteral("endpoint-remove"), runEndpointRemove},
        {QStringLiteral("check"), runShardsCheck},
        {QStringLiteral("prepare"), runShardsPrepare},
    };
    return CliCatalogConnection::dispatch(command, args, actions);
}
