#include "provision/TenantGrants.h"

#include "catalog/FleetRoles.h"

QString TenantGrants::actAsOwner(const PgConnection& c)
{
    return QStringLiteral("SET LOCAL ROLE ") + c.quoteIdentifier(FleetRoles::standard().owner);
}

QStringList TenantGrants::tables(const PgConnection& c, const QString& schema)
{
    const QString s = c.quoteIdentifier(schema);
    const QString app = c.quoteIdentifier(FleetRoles::standard().apps.first());
    const QString support = c.quoteIdentifier(FleetRoles::standard().support);
    return {
        QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %2").arg(s, support),
        QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1 TO %2").arg(s, app),
        QStringLiteral("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %1 TO %2").arg(s, app)};
}

QStringList TenantGrants::schemaAccess(const PgConnection& c, const QString& schema, bool appAllowed)
{
    const QString s = c.quoteIdentifier(schema);
    const QString app = c.quoteIdentifier(FleetRoles::standard().apps.first());
    return {QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(s, c.quoteIdentifier(FleetRoles::standard().support)),
            appAllowed ? QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(s, app)
                       : QStringLiteral("REVOKE USAGE ON SCHEMA %1 FROM %2").arg(s, app)};
}

QStringList TenantGrants::databaseAccess(const PgConnection& c, const QString& database, bool appAllowed)
{
    const QString d = c.quoteIdentifier(database);
    const QString app = c.quoteIdentifier(FleetRoles::standard().apps.first());
    return {
        QStringLiteral("REVOKE CONNECT, TEMPORARY ON DATABASE %1 FROM PUBLIC").arg(d),
        QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(d, c.quoteIdentifier(FleetRoles::standard().support)),
        appAllowed ? QStringLiteral("GRANT CONNECT, TEMPORARY ON DATABASE %1 TO %2").arg(d, app)
                   : QStringLiteral("REVOKE CONNECT, TEMPORARY ON DATABASE %1 FROM %2").arg(d, app),
        QStringLiteral("ALTER DATABASE %1 WITH ALLOW_CONNECTIONS true").arg(d)};
}
