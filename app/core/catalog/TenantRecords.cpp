#include "catalog/TenantRecords.h"

#include "catalog/FleetRoles.h"
#include "pg/SqlResource.h"

#include <QTimeZone>

// The filters of tenant_records.sql: id, slug, shard id (NULL: any) and slug prefix (empty: any).
static PgResult selectTenants(PgConnection& catalog, const QVariant& id, const QVariant& slug, const QVariant& shardId,
                              const QString& slugPrefix = {})
{
    return catalog.exec(SqlResource::text("catalog_queries/tenant_records.sql"), {id, slug, shardId, slugPrefix});
}

PgResult TenantRecords::byId(PgConnection& catalog, qint64 id)
{
    return selectTenants(catalog, id, {}, {});
}

PgResult TenantRecords::bySlug(PgConnection& catalog, const QString& slug)
{
    return selectTenants(catalog, {}, slug, {});
}

PgResult TenantRecords::onShard(PgConnection& catalog, int shardId, const QString& slugPrefix)
{
    return selectTenants(catalog, {}, {}, shardId, slugPrefix);
}

void TenantRecords::decode(const PgResult& r, int row, TenantRecord& into)
{
    into.id = r.toInt(row, 0);
    into.slug = r.text(row, 1);
    into.displayName = r.text(row, 2);
    into.model = isolationModelAt(r, row, 3);
    into.state = tenantStateAt(r, row, 4);
    into.schemaName = r.text(row, 5);
    into.databaseName = r.text(row, 6);
    into.tenantKey = r.text(row, 7);
    into.templateName = r.text(row, 8);
    into.templateVersion = int(r.toInt(row, 9));
    into.purgeAfter = utcAt(r, row, 10);
    into.shard.id = int(r.toInt(row, 11));
    into.shard.name = r.text(row, 12);
    into.shard.tenantDatabase = r.text(row, 13);
    into.shard.state = shardStateAt(r, row, 14);
    into.shard.capacity = int(r.toInt(row, 15));
    into.shard.host = r.text(row, 16);
    into.shard.port = int(r.toInt(row, 17));
    into.shard.pooling = poolingFromString(r.text(row, PrimaryPooling));
    into.shard.appRoles = FleetRoles::appsFromJson(r.text(row, ShardAppRoles));
    into.shard.tenantOwner = r.text(row, ShardTenantOwner);
}

QDateTime TenantRecords::utcAt(const PgResult& r, int row, int column)
{
    if (r.isNull(row, column))
        return {};
    return QDateTime::fromSecsSinceEpoch(r.toInt(row, column), QTimeZone::utc());
}
