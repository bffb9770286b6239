#pragma once

#include "fleetadmin/FleetShard.h"
#include "fleetadmin/ShardCheck.h"
#include "fleetadmin/TenantReachCheck.h"
#include "pg/ConnectionParams.h"

class PgConnection;

// Checks that TenantDesk can work on a shard as the fleet's roles: every endpoint reached as the
// admin role and the support role (the owner and application roles do not log in for
// TenantDesk), its declared role matching the server (a primary not in recovery, a replica in
// recovery and streaming from the shard's primary), the support role's passfile entry, the
// server version; and, on the primary, that the roles exist with the rights each action needs,
// and that the admin and support roles reach the objects already there (TenantReachCheck).
// Each endpoint costs at most EndpointTimeoutSeconds per login and per statement, so a host that
// accepts connections and never answers fails the check instead of hanging it.
class ShardChecker {
public:
    static constexpr int EndpointTimeoutSeconds = 5;

    // catalog: the catalog connection's parameters; the shards are reached with its credentials.
    explicit ShardChecker(ConnectionParams catalog)
        : m_catalog(std::move(catalog))
    {
    }

    // tenants: the shard's tenants whose reach by the admin and support roles is checked too
    // (TenantReachCheck).
    ShardCheckReport check(const FleetShard& shard, const FleetRoles& roles,
                           const ShardTenantObjects& tenants = {}) const;
    // The roles and the shard's tenants from the catalog, then check().
    ShardCheckReport check(PgConnection& catalog, const QString& shard) const;

    // The parameters that reach endpoint's database as user, with the check's deadlines (and no
    // startup options on a transaction-pooling endpoint, which refuses them).
    ConnectionParams loginParams(const FleetEndpoint& endpoint, const QString& database, const QString& user) const;

private:
    class Run;
    ConnectionParams m_catalog;
};
