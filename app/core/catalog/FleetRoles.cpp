#include "catalog/FleetRoles.h"

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
    QStringList apps;
    for (const QJsonValue& name : QJsonDocument::fromJson(r.text(0, 3).toUtf8()).array())
        apps.append(name.toString());
    return {r.text(0, 0), r.text(0, 1), r.text(0, 2), apps};
}
