#include "provision/TenantGrants.h"

#include "catalog/FleetRoles.h"
#include "pg/Ddl.h"
#include "pg/LocalSettings.h"

using On = Ddl::On;

QString TenantGrants::actAsOwner(const PgConnection& c)
{
    return LocalSettings::role(c, FleetRoles::standard().owner);
}

QStringList TenantGrants::tables(const PgConnection& c, const QString& schema)
{
    const Ddl ddl(c);
    const FleetRoles& roles = FleetRoles::standard();
    return {ddl.grant("SELECT", On::AllTablesInSchema, schema, roles.support),
            ddl.grant("SELECT, INSERT, UPDATE, DELETE", On::AllTablesInSchema, schema, roles.apps.first()),
            ddl.grant("USAGE, SELECT", On::AllSequencesInSchema, schema, roles.apps.first())};
}

QStringList TenantGrants::schemaAccess(const PgConnection& c, const QString& schema, bool appAllowed)
{
    const Ddl ddl(c);
    const FleetRoles& roles = FleetRoles::standard();
    return {ddl.grant("USAGE", On::Schema, schema, roles.support),
            appAllowed ? ddl.grant("USAGE", On::Schema, schema, roles.apps.first())
                       : ddl.revoke("USAGE", On::Schema, schema, roles.apps.first())};
}

QStringList TenantGrants::databaseAccess(const PgConnection& c, const QString& database, bool appAllowed)
{
    const Ddl ddl(c);
    const FleetRoles& roles = FleetRoles::standard();
    return {ddl.revokeFromPublic("CONNECT, TEMPORARY", On::Database, database),
            ddl.grant("CONNECT", On::Database, database, roles.support),
            appAllowed ? ddl.grant("CONNECT, TEMPORARY", On::Database, database, roles.apps.first())
                       : ddl.revoke("CONNECT, TEMPORARY", On::Database, database, roles.apps.first()),
            ddl.openDatabase(database)};
}
