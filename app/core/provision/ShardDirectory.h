#pragma once

#include "catalog/ShardTarget.h"
#include "pg/PgConnection.h"

#include <QList>

// Finds the shards tenants are placed on, in the catalog. Blocking functions of a catalog connection.
class ShardDirectory {
public:
    // Every shard, the active ones with a primary and the most headroom first.
    static QList<ShardTarget> all(PgConnection& catalog);
    // Throws InputError naming the shards there are when none is called name, and when it
    // takes no tenants (draining, retired, or without a primary).
    static ShardTarget byName(PgConnection& catalog, const QString& name);
    // The active shard with the most headroom (capacity - tenants). Throws InputError when no
    // shard takes tenants.
    static ShardTarget automatic(PgConnection& catalog);
    static ShardTarget byId(PgConnection& catalog, int id);
};
