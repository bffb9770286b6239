#pragma once

#include "pg/PgConnection.h"
#include "provision/ManagedTenant.h"

#include <QList>
#include <optional>

// Loads ManagedTenants from the catalog. Blocking functions of a catalog connection.
class ManagedTenants {
public:
    static std::optional<ManagedTenant> find(PgConnection& catalog, const QString& slug);
    // Throws InputError when there is no tenant of that slug.
    static ManagedTenant get(PgConnection& catalog, const QString& slug);
    // The tenants on a shard whose slug starts with prefix (empty: all), by slug.
    static QList<ManagedTenant> onShard(PgConnection& catalog, int shardId, const QString& slugPrefix = {});
};
