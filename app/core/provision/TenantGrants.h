#pragma once

#include "pg/PgConnection.h"

#include <QString>
#include <QStringList>

// The privileges of the fleet's roles (FleetRoles: tenantdesk_owner owns tenant objects,
// tenantdesk_app is the SaaS application, tenantdesk_support reads) on a tenant's objects, as
// statements with identifiers quoted by connection. Granted explicitly rather than left to
// default privileges, which are per database and absent on a shard database TenantDesk did not
// set up. The application's way in is separate from its table privileges, so that suspending a
// tenant is one REVOKE and a template upgrade never lifts a suspension.
class TenantGrants {
public:
    // SET LOCAL ROLE tenantdesk_owner: the rest of the transaction creates objects it owns.
    static QString actAsOwner(const PgConnection& c);
    // Table and sequence privileges of support (read) and the application (read and write) on
    // everything in schema.
    static QStringList tables(const PgConnection& c, const QString& schema);
    // USAGE on a schema tenant's schema: support always, the application when allowed.
    static QStringList schemaAccess(const PgConnection& c, const QString& schema, bool appAllowed);
    // CONNECT on a database tenant's database: not for PUBLIC, support always, the application
    // (with TEMPORARY) when allowed; then the database is opened (it is created closed, so that
    // nobody connects before these grants are there).
    static QStringList databaseAccess(const PgConnection& c, const QString& database, bool appAllowed);
};
