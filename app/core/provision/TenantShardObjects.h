#pragma once

#include "provision/ManagedTenant.h"
#include "provision/ShardConnections.h"

// What a tenant has on its shard, for lifecycle actions and reconcile: whether its schema or
// database exists and was made by TenantProvisioner, whether the application may reach it, and
// removing it. Every function is idempotent and runs in its own shard transaction (or, for a
// database, without one).
class TenantShardObjects {
public:
    // A schema or database tenant's schema or database exists; for a shared-table tenant, the
    // shared tables do.
    static bool exists(ShardConnections& shards, const ManagedTenant& tenant);
    // Its schema or database carries TenantDesk's record of the template it was made from:
    // TenantProvisioner made it, in a transaction that either made all of it or nothing. A
    // database that is still closed (created, grants not yet applied) counts as made.
    static bool madeByProvisioner(ShardConnections& shards, const ManagedTenant& tenant);

    // The fleet's application roles that can reach the tenant, each as "role: how"; empty when
    // none can. Schema: USAGE on its schema, database: CONNECT on its database, by any way the
    // server grants it (to the role, to PUBLIC, through a role it is a member of, ownership, being
    // a superuser). Shared tables: its key not on the shard's deny list, a shared table without
    // the suspension guard for every application role, or a role that reads past row-level
    // security. Runs on the shard connection as it is, inside a transaction when one is open.
    static QStringList appsReaching(ShardConnections& shards, const ManagedTenant& tenant);
    // Whether any application role can reach it (appsReaching).
    static bool appAllowed(ShardConnections& shards, const ManagedTenant& tenant)
    {
        return !appsReaching(shards, tenant).isEmpty();
    }

    // Drops the schema (CASCADE, as its owner) or database, or deletes the tenant's rows from
    // every shared table.
    static void drop(ShardConnections& shards, const ManagedTenant& tenant);

    // The shared tables (schema, table) in an order their rows can be deleted in.
    static QList<std::pair<QString, QString>> sharedTables(PgConnection& tenantsDatabase);
};
