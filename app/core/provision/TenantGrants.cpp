#include "provision/TenantGrants.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

// "a", "b": each role quoted, for a GRANT's or REVOKE's list of grantees.
QString quotedList(const PgConnection& c, const QStringList& roles)
{
    QStringList quoted;
    for (const QString& role : roles)
        quoted.append(c.quoteIdentifier(role));
    return quoted.join(QLatin1String(", "));
}

} // namespace

QString TenantGrants::actAsOwner(const PgConnection& c, const FleetRoles& roles)
{
    return QStringLiteral("SET LOCAL ROLE ") + c.quoteIdentifier(roles.owner);
}

QStringList TenantGrants::tables(const PgConnection& c, const FleetRoles& roles, const QString& schema)
{
    const QString s = c.quoteIdentifier(schema);
    QStringList sql{
        QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %2").arg(s, c.quoteIdentifier(roles.support))};
    if (!roles.apps.isEmpty()) {
        const QString apps = quotedList(c, roles.apps);
        sql << QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1 TO %2").arg(s, apps)
            << QStringLiteral("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %1 TO %2").arg(s, apps);
    }
    return sql;
}

QStringList TenantGrants::schemaAccess(const PgConnection& c, const FleetRoles& roles, const QString& schema,
                                       bool appAllowed)
{
    const QString s = c.quoteIdentifier(schema);
    QStringList sql{QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(s, c.quoteIdentifier(roles.support))};
    if (!roles.apps.isEmpty())
        sql << (appAllowed ? QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2")
                           : QStringLiteral("REVOKE USAGE ON SCHEMA %1 FROM %2"))
                   .arg(s, quotedList(c, roles.apps));
    return sql;
}

QStringList TenantGrants::databaseAccess(const PgConnection& c, const FleetRoles& roles, const QString& database,
                                         bool appAllowed)
{
    const QString d = c.quoteIdentifier(database);
    QStringList sql{QStringLiteral("REVOKE CONNECT, TEMPORARY ON DATABASE %1 FROM PUBLIC").arg(d),
                    QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(d, c.quoteIdentifier(roles.support))};
    if (!roles.apps.isEmpty())
        sql << (appAllowed ? QStringLiteral("GRANT CONNECT, TEMPORARY ON DATABASE %1 TO %2")
                           : QStringLiteral("REVOKE CONNECT, TEMPORARY ON DATABASE %1 FROM %2"))
                   .arg(d, quotedList(c, roles.apps));
    sql << QStringLiteral("ALTER DATABASE %1 WITH ALLOW_CONNECTIONS true").arg(d);
    return sql;
}

QStringList TenantGrants::ledger(const PgConnection& c, const FleetRoles& roles)
{
    const QString support = c.quoteIdentifier(roles.support);
    QStringList sql{QStringLiteral("REVOKE ALL ON SCHEMA tenantdesk_shard FROM PUBLIC, %1").arg(support),
                    QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA tenantdesk_shard FROM PUBLIC, %1").arg(support)};
    if (!roles.apps.isEmpty()) {
        const QString apps = quotedList(c, roles.apps);
        sql << QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA tenantdesk_shard FROM %1").arg(apps)
            << QStringLiteral("GRANT USAGE ON SCHEMA tenantdesk_shard TO %1").arg(apps)
            << QStringLiteral("GRANT SELECT ON tenantdesk_shard.suspended_tenants TO %1").arg(apps);
    }
    return sql;
}

QByteArray TenantGrants::appRolesJson(const FleetRoles& roles)
{
    return QJsonDocument(QJsonArray::fromStringList(roles.apps)).toJson(QJsonDocument::Compact);
}
