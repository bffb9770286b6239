#include "metrics/MetricTargetLoader.h"

#include "catalog/CatalogClient.h"
#include "catalog/CatalogSnapshot.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QHash>

QList<MetricTarget> MetricTargetLoader::load(PgConnection& catalog)
{
    CatalogSnapshot snapshot(catalog);
    const QList<ShardInfo> shards = CatalogClient::loadShards(catalog);
    QHash<int, QList<MetricTenant>> tenantsByShard;
    const PgResult tenants = catalog.exec(SqlResource::text("metrics/tenant_objects.sql"));
    for (int row = 0; row < tenants.rows(); ++row) {
        const auto model = isolationModelFromString(tenants.bytes(row, 2));
        if (!model)
            continue;  // a model this build does not know has nothing we could measure either
        tenantsByShard[int(tenants.toInt(row, 0))].append({tenants.text(row, 1), *model, tenants.text(row, 3)});
    }

    QList<MetricTarget> targets;
    for (const ShardInfo& shard : shards) {
        if (shard.state == ShardState::Retired)
            continue;
        const int replicas = int(std::count_if(shard.endpoints.begin(), shard.endpoints.end(),
                                               [](const EndpointInfo& e) { return !e.isPrimary(); }));
        for (const EndpointInfo& endpoint : shard.endpoints)
            targets.append({endpoint, shard.name, shard.tenantDatabase, replicas, tenantsByShard.value(shard.id)});
    }
    return targets;
}
