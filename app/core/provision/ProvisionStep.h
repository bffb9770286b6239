#pragma once

#include "base/EnumNames.h"

#include <QString>

// The steps of creating a tenant, in order. Not every model has every step: a schema tenant is
// Claim, PrepareShard, CreateObjects, Activate; a database tenant adds BuildTemplate and
// ApplyGrants; a shared-table tenant's CreateObjects only clears its key on the shard.
enum class ProvisionStep {
    Claim,         // catalog: the tenant in state 'provisioning', its domains, the audit row
    PrepareShard,  // shard: TenantDesk's records, the shared tables and their guard (once per shard)
    BuildTemplate, // shard: the template database of the template version (once per server)
    CreateObjects, // shard: the schema in one transaction, or CREATE DATABASE ... TEMPLATE
    ApplyGrants,   // shard: who may connect to a new database
    ShardCommit,   // not a step: reported inside each shard transaction just before its COMMIT
    Activate       // catalog: state 'active' and the audit row
};

inline QString toString(ProvisionStep step)
{
    static constexpr EnumNames<ProvisionStep, ProvisionStep::Activate> names{
        "claim",        "prepare shard", "build template database", "create objects", "apply grants",
        "shard commit", "activate"};
    return names(step);
}
