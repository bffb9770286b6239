#include "provision/ManagedTenants.h"

#include "pg/SqlResource.h"

static QList<ManagedTenant> decode(const PgResult& r)
{
    QList<ManagedTenant> tenants;
    tenants.reserve(r.rows());
    for (int row = 0; row < r.rows(); ++row) {
        ManagedTenant t;
        t.id = r.toInt(row, 0);
        t.slug = r.text(row, 1);
        t.displayName = r.text(row, 2);
        const std::optional<IsolationModel> model = isolationModelFromString(r.bytes(row, 3));
        const std::optional<TenantState> state = tenantStateFromString(r.bytes(row, 4));
        if (!model || !state)
            throw PgError(PgError::Kind::Query,
                          QStringLiteral("The catalog holds a tenant model or state this version "
                                         "of TenantDesk does not know (tenant %1).")
                              .arg(t.slug));
        t.model = *model;
        t.state = *state;
        t.schemaName = r.text(row, 5);
        t.databaseName = r.text(row, 6);
        t.tenantKey = r.text(row, 7);
        t.templateName = r.text(row, 8);
        t.templateVersion = int(r.toInt(row, 9));
        t.purgeAfter = r.text(row, 10);
        t.purgeDue = r.toBool(row, 11);
        t.secondsInState = r.toDouble(row, 12);
        t.shard.id = int(r.toInt(row, 13));
        t.shard.name = r.text(row, 14);
        t.shard.tenantDatabase = r.text(row, 15);
        t.shard.state = r.text(row, 16);
        t.shard.capacity = int(r.toInt(row, 17));
        t.shard.host = r.text(row, 18);
        t.shard.port = int(r.toInt(row, 19));
        tenants.append(t);
    }
    return tenants;
}

std::optional<ManagedTenant> ManagedTenants::find(PgConnection& catalog, const QString& slug)
{
    const QList<ManagedTenant> found =
        decode(catalog.exec(SqlResource::text("provision/managed_tenant.sql"), {slug}));
    if (found.isEmpty())
        return std::nullopt;
    return found.constFirst();
}

ManagedTenant ManagedTenants::get(PgConnection& catalog, const QString& slug)
{
    std::optional<ManagedTenant> t = find(catalog, slug);
    if (!t)
        throw PgError::usage(QStringLiteral("There is no tenant \"%1\" in the catalog.").arg(slug));
    if (t->shard.host.isEmpty())
        throw PgError::usage(
            QStringLiteral("The shard %1 of the tenant \"%2\" has no primary endpoint in the catalog.")
                .arg(t->shard.name, slug));
    return *t;
}

QList<ManagedTenant> ManagedTenants::onShard(PgConnection& catalog, int shardId, const QString& slugPrefix)
{
    return decode(catalog.exec(SqlResource::text("provision/managed_tenants.sql"),
                               {shardId, slugPrefix}));
}
