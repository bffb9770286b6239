#include "provision/ShardDirectory.h"

#include "base/InputError.h"
#include "catalog/FleetRoles.h"
#include "pg/SqlResource.h"

static QList<ShardTarget> decode(const PgResult& r)
{
    QList<ShardTarget> shards;
    for (int row = 0; row < r.rows(); ++row) {
        ShardTarget s;
        s.id = int(r.toInt(row, 0));
        s.name = r.text(row, 1);
        s.tenantDatabase = r.text(row, 2);
        s.state = shardStateAt(r, row, 3);
        s.capacity = int(r.toInt(row, 4));
        s.tenants = r.toInt(row, 5);
        s.host = r.text(row, 6);
        s.port = int(r.toInt(row, 7));
        s.pooling = poolingFromString(r.text(row, 8));
        s.appRoles = FleetRoles::appsFromJson(r.text(row, 9));
        s.tenantOwner = r.text(row, 10);
        shards.append(s);
    }
    return shards;
}

static void requireAcceptsTenants(const ShardTarget& s)
{
    if (s.host.isEmpty())
        throw InputError(QStringLiteral("The shard %1 has no primary endpoint in the catalog: add one, or choose "
                                        "another shard.")
                             .arg(s.name));
    if (s.state != ShardState::Active)
        throw InputError(QStringLiteral("The shard %1 is %2 and takes no new tenants: choose another shard, or "
                                        "automatic placement.")
                             .arg(s.name, toString(s.state)));
}

QList<ShardTarget> ShardDirectory::all(PgConnection& catalog)
{
    return decode(catalog.exec(SqlResource::text("provision/shards.sql"), {QVariant()}));
}

ShardTarget ShardDirectory::byName(PgConnection& catalog, const QString& name)
{
    const QList<ShardTarget> found = decode(catalog.exec(SqlResource::text("provision/shards.sql"), {name}));
    if (found.isEmpty()) {
        QStringList names;
        for (const ShardTarget& s : all(catalog))
            names.append(s.name);
        throw InputError(QStringLiteral("There is no shard \"%1\". The shards are: %2.")
                             .arg(name, names.isEmpty() ? QStringLiteral("(none)") : names.join(QLatin1String(", "))));
    }
    requireAcceptsTenants(found.constFirst());
    return found.constFirst();
}

ShardTarget ShardDirectory::automatic(PgConnection& catalog)
{
    const QList<ShardTarget> shards = all(catalog);
    if (shards.isEmpty() || !shards.constFirst().acceptsTenants())
        throw InputError(QStringLiteral("No shard takes new tenants: every shard is draining, retired or without a "
                                        "primary endpoint."));
    if (shards.constFirst().headroom() <= 0)
        throw InputError(QStringLiteral("Every active shard is full (the most headroom is on %1: %2 tenants for a "
                                        "capacity of %3). Raise a shard's capacity or add a shard.")
                             .arg(shards.constFirst().name)
                             .arg(shards.constFirst().tenants)
                             .arg(shards.constFirst().capacity));
    return shards.constFirst();
}

ShardTarget ShardDirectory::byId(PgConnection& catalog, int id)
{
    for (const ShardTarget& s : all(catalog)) {
        if (s.id == id)
            return s;
    }
    throw InputError(QStringLiteral("There is no shard with id %1 in the catalog.").arg(id));
}
