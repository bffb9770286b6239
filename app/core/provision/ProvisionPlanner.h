#pragma once

#include "provision/ProvisionPlan.h"
#include "provision/ShardConnections.h"

// Turns a TenantSpec that passed TenantSpecValidator into a ProvisionPlan: reads what the catalog
// and the shard know (shard and its headroom, template version, slugs, names and domains taken,
// what already exists on the shard and what the shard still needs) and writes out every
// statement. Reads only; TenantProvisioner checks the spec first and runs the plan.
class ProvisionPlanner {
public:
    ProvisionPlanner(PgConnection& catalog, ShardConnections& shards);

    // Throws InputError with a message that says what is wrong and how to fix it.
    ProvisionPlan plan(const TenantSpec& spec);

private:
    void resolveCatalog(ProvisionPlan& plan, QString& ddl);
    void checkConflicts(ProvisionPlan& plan);
    // Throws InputError with the fix when an application role of the shard does not exist there.
    void requireAppRoles(const ProvisionPlan& plan, PgConnection& shard);
    // Throws InputError with the fix when the shard's new tenants are owned by an application role
    // the admin cannot act as, or the tenant is a database tenant (not made so yet).
    void requireTenantOwner(const ProvisionPlan& plan, PgConnection& shard, const FleetRoles& roles);
    void checkShard(ProvisionPlan& plan, bool& shardPrepared, bool& sharedSchemaExists, bool& templateReady);
    void addSteps(ProvisionPlan& plan, const QString& ddl, bool shardPrepared, bool sharedSchemaExists,
                  bool templateReady);
    void addClaimStep(ProvisionPlan& plan);
    void addSchemaSteps(ProvisionPlan& plan, const QString& templateDdl, bool shardPrepared);
    void addDatabaseSteps(ProvisionPlan& plan, const QString& templateDdl, bool templateReady);
    void addSharedSteps(ProvisionPlan& plan, const QString& templateDdl, bool shardPrepared, bool sharedSchemaExists);
    void addActivateStep(ProvisionPlan& plan);

    PgConnection& m_catalog;
    ShardConnections& m_shards;
};
