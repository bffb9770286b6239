#pragma once

#include "catalog/FleetRoles.h"
#include "pg/PgConnection.h"

#include <QString>
#include <QStringList>

// The privileges of the fleet's roles (FleetRoles, named by the catalog: the owner role owns the
// objects TenantDesk makes, every application role is the SaaS application, the support role
// reads) on a tenant's objects, as statements with identifiers quoted by connection. Granted
// explicitly rather than left to default privileges, which are per database and absent on a shard
// database TenantDesk did not set up. The application's way in is separate from its table
// privileges, so that suspending a tenant is a REVOKE and a template upgrade never lifts a
// suspension.
class TenantGrants {
public:
    // SET LOCAL ROLE <owner>: the rest of the transaction creates objects it owns.
    static QString actAsOwner(const PgConnection& c, const FleetRoles& roles);
    // Table and sequence privileges of support (read) and every application role (read and
    // write) on everything in schema.
    static QStringList tables(const PgConnection& c, const FleetRoles& roles, const QString& schema);
    // USAGE on a schema tenant's schema: support always, every application role when allowed.
    static QStringList schemaAccess(const PgConnection& c, const FleetRoles& roles, const QString& schema,
                                    bool appAllowed);
    // CONNECT on a database tenant's database: not for PUBLIC, support always, every application
    // role (with TEMPORARY) when allowed; then the database is opened (it is created closed, so
    // that nobody connects before these grants are there).
    static QStringList databaseAccess(const PgConnection& c, const FleetRoles& roles, const QString& database,
                                      bool appAllowed);
    // Who may see TenantDesk's records in a shard database (shard_ledger.sql): the application
    // roles read the deny list of suspended shared-table tenants, which the guard policies check
    // as them; support and PUBLIC see nothing there.
    static QStringList ledger(const PgConnection& c, const FleetRoles& roles);
    // The application roles as a JSON array, for the statements that take them as a parameter
    // (shared_guard.sql, shared_ready.sql).
    static QByteArray appRolesJson(const FleetRoles& roles);
};
