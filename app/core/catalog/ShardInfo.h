#pragma once

#include "catalog/EndpointInfo.h"
#include "catalog/TenantEnums.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <numeric>

// One shard of the catalog with its endpoints (primary first) and, from
// CatalogClient::loadShards(), how many tenants it holds in each state and isolation model.
struct ShardInfo {
    int id = 0;
    QString name;
    QString tenantDatabase; // the database holding its schema and shared-table tenants
    int capacity = 0;
    ShardState state = ShardState::Active;
    QList<EndpointInfo> endpoints;
    QStringList appRoles;     // the roles its application connects as: its own, or the fleet's
    bool ownAppRoles = false; // its own (tenantdesk.shards.app_roles), not the fleet's
    QString tenantOwner;      // who owns its new tenants: one of its application roles; empty: the fleet\'s owner

    std::array<qint64, TenantStateCount> tenantsByState{};
    std::array<qint64, IsolationModelCount> tenantsByModel{};

    qint64 tenantCount() const { return std::accumulate(tenantsByState.begin(), tenantsByState.end(), qint64(0)); }
    const EndpointInfo* primary() const
    {
        for (const EndpointInfo& e : endpoints) {
            if (e.isPrimary())
                return &e;
        }
        return nullptr;
    }
};
