#pragma once

#include "catalog/TenantRecord.h"
#include "pg/PgConnection.h"

#include <QDateTime>

// The one projection of catalog tenants (catalog_queries/tenant_records.sql) and its decoding,
// shared by every loader of a tenant record or a view that extends it. Blocking functions of a
// catalog connection; they run in the caller's transaction or snapshot, if any.
class TenantRecords {
public:
    // The projection's columns past the record, for the views that extend it.
    enum Column : int {
        CreatedAt = 18,
        UpdatedAt,
        PurgeDue,
        SecondsInState,
        PrimaryPooling,
        ShardAppRoles,
        ShardTenantOwner
    };

    // The tenant of an id or a slug (no row: none), or those on a shard whose slug starts with
    // slugPrefix (empty: all), by slug.
    static PgResult byId(PgConnection& catalog, qint64 id);
    static PgResult bySlug(PgConnection& catalog, const QString& slug);
    static PgResult onShard(PgConnection& catalog, int shardId, const QString& slugPrefix);
    // The record in a row of select()'s result. Throws PgError(Query) for an isolation model or
    // state this version does not know.
    static void decode(const PgResult& r, int row, TenantRecord& into);
    // A timestamp column of the projection (epoch seconds); invalid when NULL.
    static QDateTime utcAt(const PgResult& r, int row, int column);
};
