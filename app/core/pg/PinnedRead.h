#pragma once

#include "pg/PgConnection.h"

// One read-only statement with search_path pinned to pg_catalog for its transaction. For the
// statements a support session runs before its tenant scope is set: the tenant's owner may own the
// database and give it a search_path of their own (ALTER DATABASE ... SET search_path), putting
// functions or operators of theirs ahead of PostgreSQL's for every unqualified name.
namespace PinnedRead {
PgResult exec(PgConnection& c, const QString& sql, const PgParams& params = {});
}
