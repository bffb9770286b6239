#pragma once

#include "applayout/AppLayout.h"
#include "provision/ProvisionPlan.h"
#include "provision/ShardConnections.h"

class PgConnection;
struct TenantRecord;

// Keeps the application's own tenant and domain tables (tenantdesk.app_layouts) in step with what
// TenantDesk does to a tenant, so that the application keeps routing to it. Nothing happens on a
// shard without a layout, with the plain layout, or for a tenant of another model than the
// layout's (a shared-table tenant on a django-tenants shard).
//
// Creating: the rows are written by the provisioning plan itself: in the transaction that creates
// a schema tenant when the app's tables are in the shard's tenant database, otherwise right after
// the tenant's objects (a database tenant: the registry is another database), removed again when
// a later step fails. Renaming, suspending, resuming and deleting: right after the tenant's own
// change, idempotently, inside the catalog transaction that records it, so that a registry that
// cannot be written leaves the catalog unchanged (and reconcile puts the shard back in line).
class AppRegistrySync {
public:
    // Adds the writes for the tenant plan creates to its steps.
    static void addToPlan(ProvisionPlan& plan, const PgConnection& q, const AppLayout& layout);

    static void renamed(PgConnection& catalog, ShardConnections& shards, const TenantRecord& tenant,
                        const QString& displayName);
    // The layout's active column set; nothing when the layout has none (the app keeps routing
    // to the tenant, whose objects are locked all the same).
    static void activeChanged(PgConnection& catalog, ShardConnections& shards, const TenantRecord& tenant, bool active);
    static void removed(PgConnection& catalog, ShardConnections& shards, const TenantRecord& tenant);
    // Writes the tenant's row and domains if they are missing (reconcile finishing a provisioning
    // that was interrupted before its registry write), as active.
    static void restore(PgConnection& catalog, ShardConnections& shards, const TenantRecord& tenant);
};
