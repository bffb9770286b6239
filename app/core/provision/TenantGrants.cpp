#include "provision/TenantGrants.h"

#include "pg/Ddl.h"
#include "pg/LocalSettings.h"

#include <QJsonArray>
#include <QJsonDocument>

using On = Ddl::On;

QString TenantGrants::actAsOwner(const PgConnection& c, const FleetRoles& roles)
{
    return LocalSettings::role(c, roles.owner);
}

QStringList TenantGrants::tables(const PgConnection& c, const FleetRoles& roles, const QString& schema)
{
    const Ddl ddl(c);
    QStringList sql{ddl.grant("SELECT", On::AllTablesInSchema, schema, roles.support)};
    for (const QString& app : roles.apps)
        sql << ddl.grant("SELECT, INSERT, UPDATE, DELETE", On::AllTablesInSchema, schema, app)
            << ddl.grant("USAGE, SELECT", On::AllSequencesInSchema, schema, app);
    return sql;
}

QStringList TenantGrants::schemaAccess(const PgConnection& c, const FleetRoles& roles, const QString& schema,
                                       bool appAllowed)
{
    const Ddl ddl(c);
    QStringList sql{ddl.grant("USAGE", On::Schema, schema, roles.support)};
    for (const QString& app : roles.apps)
        sql << (appAllowed ? ddl.grant("USAGE", On::Schema, schema, app)
                           : ddl.revoke("USAGE", On::Schema, schema, app));
    return sql;
}

QStringList TenantGrants::databaseAccess(const PgConnection& c, const FleetRoles& roles, const QString& database,
                                         bool appAllowed)
{
    const Ddl ddl(c);
    QStringList sql{ddl.revokeFromPublic("CONNECT, TEMPORARY", On::Database, database),
                    ddl.grant("CONNECT", On::Database, database, roles.support)};
    for (const QString& app : roles.apps)
        sql << (appAllowed ? ddl.grant("CONNECT, TEMPORARY", On::Database, database, app)
                           : ddl.revoke("CONNECT, TEMPORARY", On::Database, database, app));
    sql << ddl.openDatabase(database);
    return sql;
}

QStringList TenantGrants::ledger(const PgConnection& c, const FleetRoles& roles)
{
    const Ddl ddl(c);
    const QString schema = QStringLiteral("tenantdesk_shard");
    QStringList sql{ddl.revokeFromPublic("ALL", On::Schema, schema),
                    ddl.revoke("ALL", On::Schema, schema, roles.support),
                    ddl.revokeFromPublic("ALL", On::AllTablesInSchema, schema),
                    ddl.revoke("ALL", On::AllTablesInSchema, schema, roles.support)};
    for (const QString& app : roles.apps)
        sql << ddl.revoke("ALL", On::AllTablesInSchema, schema, app) << ddl.grant("USAGE", On::Schema, schema, app)
            << QStringLiteral("GRANT SELECT ON tenantdesk_shard.suspended_tenants TO ") + c.quoteIdentifier(app);
    return sql;
}

QByteArray TenantGrants::appRolesJson(const FleetRoles& roles)
{
    return QJsonDocument(QJsonArray::fromStringList(roles.apps)).toJson(QJsonDocument::Compact);
}
