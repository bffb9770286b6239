#pragma once

#include "provision/ManagedTenant.h"
#include "provision/ShardConnections.h"

// What a tenant has on its shard, for lifecycle actions and reconcile: whether its schema or
// database exists and was made by TenantProvisioner, whether the application may reach it, and
// removing it. Every function is idempotent and runs in its own shard transaction (or, for a
// database, without one), as tenantdesk_owner.
class TenantShardObjects {
public:
    // A schema or database tenant's schema or database exists; for a shared-table tenant, the
    // shared tables do.
    static bool exists(ShardConnections& shards, const ManagedTenant& tenant);
    // Its schema or database carries TenantDesk's record of the template it was made from:
    // TenantProvisioner made it, in a transaction that either made all of it or nothing. A
    // database that is still closed (created, grants not yet applied) counts as made.
    static bool madeByProvisioner(ShardConnections& shards, const ManagedTenant& tenant);

    // Whether the application role may reach the tenant: USAGE on its schema, CONNECT on its
    // database, or its key not on the shard's deny list.
    static bool appAllowed(ShardConnections& shards, const ManagedTenant& tenant);
    // Lets the application reach the tenant again, or stops it (suspend, archive, delete with a
    // retention period). Support staff keep read access. For a shared-table tenant the shard gets
    // the deny list and its guard policies first if it has none yet.
    static void setAppAllowed(ShardConnections& shards, const ManagedTenant& tenant, bool allowed);

    // Drops the schema (CASCADE) or database, or deletes the tenant's rows from every shared table.
    static void drop(ShardConnections& shards, const ManagedTenant& tenant);

    // The shared tables (schema, table) in an order their rows can be deleted in.
    static QList<std::pair<QString, QString>> sharedTables(PgConnection& tenantsDatabase);
};
