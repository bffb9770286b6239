#include "provision/ManagedTenants.h"

#include "base/InputError.h"
#include "catalog/TenantRecords.h"

static QList<ManagedTenant> decode(const PgResult& r)
{
    QList<ManagedTenant> tenants(r.rows());
    for (int row = 0; row < r.rows(); ++row) {
        ManagedTenant& t = tenants[row];
        TenantRecords::decode(r, row, t);
        t.purgeDue = r.toBool(row, TenantRecords::PurgeDue);
        t.secondsInState = r.toDouble(row, TenantRecords::SecondsInState);
    }
    return tenants;
}

std::optional<ManagedTenant> ManagedTenants::find(PgConnection& catalog, const QString& slug)
{
    const QList<ManagedTenant> found = decode(TenantRecords::bySlug(catalog, slug));
    if (found.isEmpty())
        return std::nullopt;
    return found.constFirst();
}

ManagedTenant ManagedTenants::get(PgConnection& catalog, const QString& slug)
{
    std::optional<ManagedTenant> t = find(catalog, slug);
    if (!t)
        throw InputError(QStringLiteral("There is no tenant \"%1\" in the catalog.").arg(slug));
    if (t->shard.host.isEmpty())
        throw InputError(QStringLiteral("The shard %1 of the tenant \"%2\" has no primary endpoint in the catalog.")
                             .arg(t->shard.name, slug));
    return *t;
}

QList<ManagedTenant> ManagedTenants::onShard(PgConnection& catalog, int shardId, const QString& slugPrefix)
{
    return decode(TenantRecords::onShard(catalog, shardId, slugPrefix));
}
