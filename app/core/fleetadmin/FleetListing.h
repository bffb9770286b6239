#pragma once

#include "fleetadmin/FleetShard.h"

#include <QList>

class PgConnection;

// The fleet's shape as the catalog holds it now: shards with their endpoints (and how each is
// reached) and live tenant counts. What `tenantctl shards list` prints and the editors start from.
namespace FleetListing {
QList<FleetShard> load(PgConnection& catalog);
// The shard named name. Throws InputError naming the shards there are when there is none.
FleetShard shard(PgConnection& catalog, const QString& name);
// The catalog's fleet generation (catalog version 5): it changes whenever the shape does.
qint64 generation(PgConnection& catalog);
} // namespace FleetListing
