#pragma once

#include "browse/RelationReach.h"
#include "pg/PgConnection.h"

#include <QStringList>

// Proves, inside a browse transaction of a shared-table tenant, that a shared table shows the
// browsing role one tenant's rows only. First what the catalog says (check): a table (not a view),
// row-level security enabled and forced, a role that neither owns it nor bypasses RLS, a tenant key
// column. Then, once RelationReach has allowed what its policies run, what the server does
// (probe): with app.tenant_id set to a key no tenant has, and to an empty one, inside a savepoint
// that is rolled back, the table must show no row at all. A policy that does not filter by the
// tenant key shows rows then, whatever its text. In a REPEATABLE READ transaction the probe sees
// the rows that the reads after it see.
class SharedTableGuard {
public:
    static constexpr const char* TenantColumn = "tenant_id";

    struct Findings {
        QStringList problems; // one phrase per problem; empty: the catalog finds none
        QString policies;     // the policies that apply to the role when it reads, for messages
    };

    // Reads what the catalog says and, when the role may read the table, takes an ACCESS SHARE
    // lock on it, held until the transaction ends (ALTER TABLE and CREATE or ALTER POLICY need
    // ACCESS EXCLUSIVE, so what is checked next stays true for the reads that follow).
    static Findings check(PgConnection& c, const RelationRef& table);
    // What the probe saw that is wrong, or empty. Leaves the tenant key as it found it.
    static QString probe(PgConnection& c, const RelationRef& table, const Findings& findings);

private:
    static bool showsRows(PgConnection& c, const QString& relation, const QString& tenantKey);
};
