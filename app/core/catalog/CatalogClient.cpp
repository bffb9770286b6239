#include "catalog/CatalogClient.h"

#include "base/CatalogInput.h"
#include "base/InputError.h"
#include "catalog/CatalogGate.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/CatalogSnapshot.h"
#include "catalog/FleetRoles.h"
#include "catalog/RoutePath.h"
#include "catalog/TenantRecords.h"
#include "pg/SqlResource.h"

#include <QTimeZone>

namespace {

// Shards by id, each with its endpoints, primary first; tenant counts left at zero.
QList<ShardInfo> shardsWithEndpoints(PgConnection& c)
{
    QList<ShardInfo> shards;
    const FleetRoles fleet = FleetRoles::load(c);
    const PgResult s = c.exec(SqlResource::text("catalog_queries/shards.sql"));
    shards.reserve(s.rows());
    for (int row = 0; row < s.rows(); ++row) {
        ShardInfo shard;
        shard.id = int(s.toInt(row, 0));
        shard.name = s.text(row, 1);
        shard.tenantDatabase = s.text(row, 2);
        shard.capacity = int(s.toInt(row, 3));
        shard.state = shardStateAt(s, row, 4);
        const std::optional<QStringList> own = FleetRoles::appsFromJson(s.text(row, 5));
        shard.appRoles = fleet.onShard(own).apps;
        shard.ownAppRoles = own.has_value();
        shard.tenantOwner = s.text(row, 6);
        shards.append(shard);
    }
    const PgResult e = c.exec(SqlResource::text("catalog_queries/endpoints.sql"));
    for (int row = 0; row < e.rows(); ++row) {
        EndpointInfo endpoint;
        endpoint.id = int(e.toInt(row, 0));
        endpoint.shardId = int(e.toInt(row, 1));
        endpoint.role = e.bytes(row, 2) == "primary" ? EndpointInfo::Role::Primary : EndpointInfo::Role::Replica;
        endpoint.host = e.text(row, 3);
        endpoint.port = int(e.toInt(row, 4));
        endpoint.maxLagSeconds = e.toDouble(row, 5);
        endpoint.pooling = poolingFromString(e.text(row, 6));
        for (ShardInfo& shard : shards) {
            if (shard.id == endpoint.shardId)
                shard.endpoints.append(endpoint);
        }
    }
    return shards;
}

} // namespace

CatalogInfo CatalogClient::inspect(PgConnection& c)
{
    CatalogSnapshot snapshot(c);
    CatalogInfo info;
    info.serverVersion = c.serverVersionText();
    info.serverVersionNumber = c.serverVersion();
    info.host = c.host();
    info.port = c.port();

    const PgResult role = c.exec(SqlResource::text("catalog_queries/catalog_role.sql"));
    info.user = role.text(0, 0);
    info.database = role.text(0, 1);
    info.superuser = role.toBool(0, 2);
    info.createDb = role.toBool(0, 3);

    info.latestVersion = CatalogMigrator::latestVersion();
    info.catalogVersion = CatalogGate::require(c, CatalogGate::Access::Read);
    info.status = info.catalogVersion < info.latestVersion   ? CatalogInfo::Status::Older
                  : info.catalogVersion > info.latestVersion ? CatalogInfo::Status::Newer
                                                             : CatalogInfo::Status::Current;

    const PgResult counts = c.exec(SqlResource::text("catalog_queries/catalog_counts.sql"));
    info.shardCount = counts.toInt(0, 0);
    info.endpointCount = counts.toInt(0, 1);
    info.tenantCount = counts.toInt(0, 2);
    info.domainCount = counts.toInt(0, 3);
    info.canWrite = counts.toBool(0, 4) && info.status != CatalogInfo::Status::Newer;
    return info;
}

TenantTable CatalogClient::loadTenants(PgConnection& c, int limit, int offset)
{
    if (offset < 0)
        throw InputError(QStringLiteral("A tenant page cannot start before the first tenant (offset %1).").arg(offset));
    CatalogSnapshot snapshot(c);
    TenantTable table;
    const PgResult shards = c.exec(SqlResource::text("catalog_queries/shards.sql"));
    for (int row = 0; row < shards.rows(); ++row)
        table.addShard(int(shards.toInt(row, 0)), shards.text(row, 1));

    const PgResult r = c.exec(SqlResource::text("catalog_queries/tenants.sql"),
                              {limit < 0 ? QVariant() : QVariant(limit), offset});
    const int rows = r.rows();
    // Exact arena sizes up front: one allocation instead of a dozen reallocations of megabytes.
    qsizetype textBytes = 0;
    for (int row = 0; row < rows; ++row)
        textBytes += PQgetlength(r.raw(), row, 1) + PQgetlength(r.raw(), row, 2);
    table.reserve(rows, textBytes);
    for (int row = 0; row < rows; ++row) {
        table.append(r.toInt(row, 0), r.bytes(row, 1), r.bytes(row, 2), isolationModelAt(r, row, 3),
                     int(r.toInt(row, 4)), tenantStateAt(r, row, 5), r.toInt(row, 6));
    }
    return table;
}

QList<ShardInfo> CatalogClient::loadShards(PgConnection& c)
{
    CatalogSnapshot snapshot(c);
    QList<ShardInfo> shards = shardsWithEndpoints(c);
    const PgResult counts = c.exec(SqlResource::text("catalog_queries/tenant_counts.sql"));
    for (int row = 0; row < counts.rows(); ++row) {
        const int shardId = int(counts.toInt(row, 0));
        const IsolationModel model = isolationModelAt(counts, row, 1);
        const TenantState state = tenantStateAt(counts, row, 2);
        const qint64 count = counts.toInt(row, 3);
        for (ShardInfo& shard : shards) {
            if (shard.id == shardId) {
                shard.tenantsByModel[size_t(model)] += count;
                shard.tenantsByState[size_t(state)] += count;
            }
        }
    }
    return shards;
}

std::optional<ResolvedTenant> CatalogClient::resolve(PgConnection& c, const QString& hostOrUrl)
{
    const QString target = hostOrUrl.trimmed();
    if (target.isEmpty())
        throw InputError(QStringLiteral("Enter a host name, host:port or URL to resolve."));
    if (target.size() > MaxResolveTargetLength)
        throw InputError(QStringLiteral("The address to resolve is %1 characters long; at most %2 are accepted.")
                             .arg(target.size())
                             .arg(MaxResolveTargetLength));
    if (const QString problem = CatalogInput::problem(target); !problem.isEmpty())
        throw InputError(QStringLiteral("The address to resolve %1.").arg(problem));
    if (const qsizetype space = target.indexOf(QChar::Space); space >= 0)
        throw InputError(QStringLiteral("The address to resolve contains a space at position %1; "
                                        "a host name or URL has none.")
                             .arg(space + 1));

    CatalogSnapshot snapshot(c);
    // Normalised here too, so that a catalog older than migration 004 routes the same path.
    const PgResult r = c.exec(SqlResource::text("catalog_queries/resolve.sql"), {RoutePath::normalizedTarget(target)});
    if (r.rows() == 0)
        return std::nullopt;
    const PgResult record = TenantRecords::byId(c, r.toInt(0, 0));
    if (record.rows() == 0)
        return std::nullopt;
    ResolvedTenant t;
    TenantRecords::decode(record, 0, t);
    t.matchedDomain = r.text(0, 1);
    return t;
}

TenantDetails CatalogClient::loadTenantDetails(PgConnection& c, qint64 tenantId)
{
    CatalogSnapshot snapshot(c);
    const PgResult t = TenantRecords::byId(c, tenantId);
    if (t.rows() == 0)
        throw InputError(QStringLiteral("No tenant has id %1; it may have been deleted.").arg(tenantId));
    TenantDetails d;
    TenantRecords::decode(t, 0, d);
    d.createdAt = TenantRecords::utcAt(t, 0, TenantRecords::CreatedAt);
    d.updatedAt = TenantRecords::utcAt(t, 0, TenantRecords::UpdatedAt);
    for (const ShardInfo& shard : shardsWithEndpoints(c)) {
        if (shard.id == d.shard.id)
            d.endpoints = shard.endpoints;
    }

    const PgResult domains = c.exec(SqlResource::text("catalog_queries/tenant_domains.sql"), {tenantId});
    for (int row = 0; row < domains.rows(); ++row)
        d.domains.append(
            {domains.toInt(row, 0), domains.text(row, 1), int(domains.toInt(row, 2)), domains.text(row, 3)});

    const PgResult audit = c.exec(SqlResource::text("catalog_queries/tenant_audit.sql"),
                                  {tenantId, RecentAuditEntries});
    for (int row = 0; row < audit.rows(); ++row) {
        d.recentAudit.append({audit.toInt(row, 0),
                              QDateTime::fromMSecsSinceEpoch(audit.toInt(row, 1), QTimeZone::utc()), audit.text(row, 2),
                              audit.text(row, 3), audit.text(row, 4), audit.text(row, 5)});
    }
    return d;
}
