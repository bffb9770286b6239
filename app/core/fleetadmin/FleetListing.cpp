#include "fleetadmin/FleetListing.h"
#include "base/InputError.h"

#include "catalog/FleetRoles.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QHash>

QList<FleetShard> FleetListing::load(PgConnection& catalog)
{
    QList<FleetShard> shards;
    QHash<int, qsizetype> indexOf;
    const PgResult s = catalog.exec(SqlResource::text(QStringLiteral("fleetadmin/shards.sql")));
    for (int row = 0; row < s.rows(); ++row) {
        FleetShard shard;
        shard.id = int(s.toInt(row, 0));
        shard.spec = {s.text(row, 1), s.text(row, 2), int(s.toInt(row, 3)), FleetRoles::appsFromJson(s.text(row, 6)),
                      s.text(row, 7)};
        shard.state = shardStateAt(s, row, 4);
        shard.liveTenants = s.toInt(row, 5);
        indexOf.insert(shard.id, shards.size());
        shards.append(shard);
    }
    const PgResult e = catalog.exec(SqlResource::text(QStringLiteral("fleetadmin/endpoints.sql")));
    for (int row = 0; row < e.rows(); ++row) {
        const auto at = indexOf.constFind(int(e.toInt(row, 1)));
        if (at == indexOf.cend())
            continue; // a shard added between the two reads: the next load shows both
        shards[*at].endpoints.append(
            {int(e.toInt(row, 0)),
             {e.text(row, 2), e.text(row, 3), int(e.toInt(row, 4)), e.toDouble(row, 5), e.text(row, 6)}});
    }
    return shards;
}

FleetShard FleetListing::shard(PgConnection& catalog, const QString& name)
{
    QStringList names;
    for (const FleetShard& shard : load(catalog)) {
        if (shard.spec.name == name)
            return shard;
        names.append(shard.spec.name);
    }
    throw InputError(
        names.isEmpty()
            ? QStringLiteral("There is no shard \"%1\": the catalog has none yet.").arg(name)
            : QStringLiteral("There is no shard \"%1\" (there are: %2).").arg(name, names.join(QLatin1String(", "))));
}

qint64 FleetListing::generation(PgConnection& catalog)
{
    const PgResult r = catalog.exec(SqlResource::text(QStringLiteral("catalog_queries/fleet_generation.sql")));
    return r.rows() > 0 ? r.toInt(0, 0) : 0;
}
