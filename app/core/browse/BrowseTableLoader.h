#pragma once

#include "browse/TenantScope.h"
#include "pg/PgConnection.h"
#include "rows/BrowseTable.h"

// Loads a relation's columns and paging key from pg_catalog, refusing one that is outside the
// tenant's scope (TenantScope::checkRelation). Runs inside a scoped read (TenantReader::read).
class BrowseTableLoader {
public:
    static BrowseTable load(PgConnection& c, const TenantScope& scope, quint32 relation);

    // The relation a user named: "items", or "schema.table" for database tenants. A name that
    // exists as written wins over a split at a dot, so "odd.name" can be a table name, and
    // "a.b.c" is tried as schema "a", table "b.c", then schema "a.b", table "c".
    // Throws InputError when none or several match.
    static quint32 find(PgConnection& c, const TenantScope& scope, const QString& name);
};
