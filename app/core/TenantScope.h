#pragma once

#include "PgConnection.h"
#include "TenantTarget.h"

// Confines a support session to one tenant, according to its isolation model, inside each
// read-only transaction (never at session level, so a reused connection carries nothing over):
//  - schema:   SET LOCAL search_path = pg_catalog, <tenant schema>; queries name the schema too.
//  - database: the connection is to the tenant's own database; search_path = pg_catalog.
//  - shared:   set_config('app.tenant_id', <tenant key>, true); the shared tables' forced
//              row-level security keeps other tenants' rows out. Before any row is shown,
//              checkRelation() proves that it will.
// pg_catalog comes first in search_path so that no tenant object can stand in for a built-in
// function or operator used by TenantDesk's own queries.
class TenantScope {
public:
    static constexpr const char* SharedSchema = "shared";

    explicit TenantScope(const TenantTarget& target);

    // The schema of the tenant's objects; empty for database tenants, whose objects are in any
    // non-system schema of their own database.
    const QString& schema() const { return m_schema; }
    bool containsSchema(const QString& schema) const;

    // Begins a read-only transaction on c (REPEATABLE READ when stableSnapshot) and sets the
    // tenant context in it: BEGIN and SET LOCAL travel together in one round trip.
    void begin(PgConnection& c, bool stableSnapshot) const;

    // Throws PgError(Usage) explaining why rows of the relation (oid, in schema) cannot be shown
    // for this tenant: outside its schema, or, for shared tenants, not a table that forced
    // row-level security on app.tenant_id confines to it for the browsing role. For shared
    // tenants it also locks the table (ACCESS SHARE) so the guard holds for the rest of the
    // transaction: call it in every transaction that reads rows of a shared table.
    void checkRelation(PgConnection& c, quint32 relation, const QString& schema, const QString& name) const;

private:
    void checkSharedRelation(PgConnection& c, quint32 relation, const QString& displayName) const;

    IsolationModel m_model;
    QString m_schema;
    QString m_tenantKey;
};
