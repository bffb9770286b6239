#include "catalog/FleetRoles.h"

#include "base/ShellWords.h"
#include "catalog/CatalogMigrator.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QJsonArray>
#include <QJsonDocument>

const FleetRoles& FleetRoles::standard()
{
    static const FleetRoles roles{QStringLiteral("tenantdesk_owner"),
                                  QStringLiteral("tenantdesk_admin"),
                                  QStringLiteral("tenantdesk_support"),
                                  {QStringLiteral("tenantdesk_app")}};
    return roles;
}

FleetRoles FleetRoles::load(PgConnection& catalog)
{
    if (CatalogMigrator::currentVersion(catalog) < 5)
        return standard();
    const PgResult r = catalog.exec(SqlResource::text("catalog_queries/fleet_roles.sql"));
    if (r.rows() == 0)
        return standard();
    return {r.text(0, 0), r.text(0, 1), r.text(0, 2), appsFromJson(r.text(0, 3)).value_or(QStringList())};
}

FleetRoles FleetRoles::onShard(const std::optional<QStringList>& shardApps) const
{
    FleetRoles roles = *this;
    if (shardApps)
        roles.apps = *shardApps;
    return roles;
}

std::optional<QStringList> FleetRoles::appsFromJson(const QString& json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8());
    if (!document.isArray())
        return std::nullopt;
    QStringList apps;
    for (const QJsonValue& name : document.array())
        apps.append(name.toString());
    return apps;
}

QStringList FleetRoles::missingApps(PgConnection& server) const
{
    const PgResult r = server.exec(SqlResource::text("roles/missing.sql"),
                                   {QJsonDocument(QJsonArray::fromStringList(apps)).toJson(QJsonDocument::Compact)});
    QStringList missing;
    for (int row = 0; row < r.rows(); ++row)
        missing.append(r.text(row, 0));
    return missing;
}

QString FleetRoles::missingAppsFix(const PgConnection& server, const QString& shard, const QStringList& missing) const
{
    QStringList create;
    for (const QString& app : missing)
        create << QStringLiteral("CREATE ROLE %1 LOGIN;").arg(server.quoteIdentifier(app));
    QStringList command{QStringLiteral("tenantctl"), QStringLiteral("shards"), QStringLiteral("edit"), shard};
    bool named = false;
    for (const QString& app : apps) {
        if (!missing.contains(app)) {
            command << QStringLiteral("--app") << app;
            named = true;
        }
    }
    // Without a role that exists to name, the admin names the one the application connects as.
    const QString edit = ShellWords::command(command) + (named ? QString() : QStringLiteral(" --app ROLE"));
    return QStringLiteral("create %1 on that server (%2), or, if the application on shard %3 does not connect as %4, "
                          "name the roles it connects as: %5")
        .arg(missing.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"), create.join(u' '), shard,
             missing.size() == 1 ? QStringLiteral("it") : QStringLiteral("them"), edit);
}
