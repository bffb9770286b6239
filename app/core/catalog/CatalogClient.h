#pragma once

#include "catalog/CatalogInfo.h"
#include "catalog/ResolvedTenant.h"
#include "catalog/ShardInfo.h"
#include "catalog/TenantDetails.h"
#include "catalog/TenantTable.h"
#include "pg/PgConnection.h"

#include <QList>
#include <QString>

#include <optional>

// Reads of the TenantDesk catalog, as plain blocking functions of a connection: tenantctl calls
// them directly, the GUI runs the very same functions as PgSession jobs. Each read runs in a
// CatalogSnapshot (read-only, one consistent state, search_path pinned), or in the caller's
// transaction when one is open. Every function throws PgError; nothing here writes.
class CatalogClient {
public:
    static constexpr int MaxResolveTargetLength = 2048;
    static constexpr int RecentAuditEntries = 5;

    // The server, the role and the catalog behind a connection. Throws InputError when the
    // database holds no TenantDesk catalog.
    static CatalogInfo inspect(PgConnection& connection);

    // The tenants by slug, limit of them (-1: all) after skipping offset; every shard is registered
    // first, by id, so pages of one snapshot share shard slots and combine with appendRows().
    // The hot path for 100,000 tenants: one query, decoded straight from libpq's buffers.
    // For a first page and the rest from one state, open a CatalogSnapshot around both calls.
    static TenantTable loadTenants(PgConnection& connection, int limit = -1, int offset = 0);

    // Every shard with its endpoints (primary first) and its tenant counts by state and model.
    static QList<ShardInfo> loadShards(PgConnection& connection);

    // tenantdesk.resolve(): the tenant that a host, host:port or URL routes to, if any; the URL's
    // path is read as a web server reads it (RoutePath).
    // Throws InputError, sending nothing, when the target is empty, too long, or carries
    // control or invisible characters or whitespace.
    static std::optional<ResolvedTenant> resolve(PgConnection& connection, const QString& hostOrUrl);

    // Every catalog column of one tenant, its domains, its shard with endpoints, and its latest
    // audit entries. Throws InputError when no tenant has that id.
    static TenantDetails loadTenantDetails(PgConnection& connection, qint64 tenantId);
};
