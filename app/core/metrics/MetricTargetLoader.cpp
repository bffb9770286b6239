#include "metrics/MetricTargetLoader.h"

#include "catalog/CatalogClient.h"
#include "catalog/CatalogGate.h"
#include "catalog/CatalogSnapshot.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QHash>
#include <QSet>

// The catalog version that records pooling and the fleet generation.
static constexpr int FleetShapeVersion = 5;

static qint64 readGeneration(PgConnection& catalog, int version)
{
    if (version < FleetShapeVersion)
        return 0;
    const PgResult result = catalog.exec(SqlResource::text(QStringLiteral("metrics/fleet_generation.sql")));
    return result.rows() > 0 ? result.toInt(0, 0) : 0;
}

QList<MetricTarget> MetricTargetLoader::load(PgConnection& catalog, qint64* generation)
{
    CatalogSnapshot snapshot(catalog);
    const int version = CatalogGate::require(catalog, CatalogGate::Access::Read);
    if (generation)
        *generation = readGeneration(catalog, version);
    const QList<ShardInfo> shards = CatalogClient::loadShards(catalog);
    QHash<int, QList<MetricTenant>> tenantsByShard;
    const PgResult tenants = catalog.exec(SqlResource::text("metrics/tenant_objects.sql"));
    for (int row = 0; row < tenants.rows(); ++row) {
        const auto model = isolationModelFromString(tenants.bytes(row, 2));
        if (!model)
            continue; // a model this build does not know has nothing we could measure either
        tenantsByShard[int(tenants.toInt(row, 0))].append({tenants.text(row, 1), *model, tenants.text(row, 3)});
    }
    QSet<int> pooled;
    if (version >= FleetShapeVersion) {
        const PgResult rows = catalog.exec(SqlResource::text(QStringLiteral("metrics/pooled_endpoints.sql")));
        for (int row = 0; row < rows.rows(); ++row)
            pooled.insert(int(rows.toInt(row, 0)));
    }

    QList<MetricTarget> targets;
    for (const ShardInfo& shard : shards) {
        if (shard.state == ShardState::Retired)
            continue;
        const int replicas = int(std::count_if(shard.endpoints.begin(), shard.endpoints.end(),
                                               [](const EndpointInfo& e) { return !e.isPrimary(); }));
        for (const EndpointInfo& endpoint : shard.endpoints) {
            targets.append({endpoint, shard.name, shard.tenantDatabase, replicas, tenantsByShard.value(shard.id),
                            pooled.contains(endpoint.id)});
        }
    }
    return targets;
}
