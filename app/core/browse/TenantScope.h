#pragma once

#include "browse/RelationReach.h"
#include "catalog/TenantTarget.h"
#include "pg/PgConnection.h"
#include "rows/BrowseTable.h"

#include <QHash>

// Confines a support session to one tenant, according to its isolation model, inside each
// read-only transaction (never at session level, so a reused connection carries nothing over):
//  - schema:   SET LOCAL search_path = pg_catalog, <tenant schema>; queries name the schema too.
//  - database: the connection is to the tenant's own database; search_path = pg_catalog.
//  - shared:   set_config('app.tenant_id', <tenant key>, true) in a REPEATABLE READ transaction;
//              the shared tables' forced row-level security keeps other tenants' rows out, and
//              every statement names the tenant key too (rowFilters).
// pg_catalog comes first in search_path so that no tenant object can stand in for a built-in
// function or operator used by TenantDesk's own queries.
//
// Before any row of a relation is shown, checkRelation() proves that reading it shows this
// tenant's rows only and runs nothing a support session should not run: the relation is in the
// tenant's schema (or database); everything it reaches is too, and no function it reaches is
// SECURITY DEFINER, volatile or unfollowable (RelationReach); a shared table is guarded by forced
// row-level security that a probe shows to filter by the tenant key (SharedTableGuard).
class TenantScope {
public:
    static constexpr const char* SharedSchema = "shared";

    explicit TenantScope(const TenantTarget& target);

    // The schema of the tenant's objects; empty for database tenants, whose objects are in any
    // non-system schema of their own database.
    const QString& schema() const { return m_schema; }
    bool containsSchema(const QString& schema) const;

    // Begins a read-only transaction on c (REPEATABLE READ when stableSnapshot, and always for
    // shared tenants, so that the probe and the reads after it see the same rows) and sets the
    // tenant context in it: BEGIN and SET LOCAL travel together in one round trip.
    void begin(PgConnection& c, bool stableSnapshot) const;

    // Throws InputError saying why rows of the relation (oid, in schema) cannot be shown for
    // this tenant (see refusals). For shared tenants it also locks the table (ACCESS SHARE) so the
    // guard holds for the rest of the transaction: call it in every transaction that reads rows.
    void checkRelation(PgConnection& c, quint32 relation, const QString& schema, const QString& name) const;
    // For each relation that cannot be shown, why: a sentence for the user. Relations that can be
    // shown are absent. One catalog query for all of them, plus, for shared tenants, a check and a
    // probe per table.
    QHash<quint32, QString> refusals(PgConnection& c, const QList<RelationRef>& relations) const;

    // The conditions every statement on the relation carries whatever the user filters: for
    // shared tenants, tenant_id = the tenant key (the catalog contract gives every shared table
    // that column), so that rows of other tenants stay out even under a policy that lets them in.
    QList<FilterCondition> rowFilters(const BrowseTable& table) const;

private:
    IsolationModel m_model;
    QString m_schema;
    QString m_tenantKey;
};
