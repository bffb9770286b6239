#pragma once

#include "catalog/TenantEnums.h"
#include "pg/ConnectionParams.h"

#include <QString>
#include <QStringList>

#include <optional>

// A shard as provisioning sees it: where its primary is, the database holding its schema and
// shared tenants, and how full it is. A plain value: it crosses threads.
struct ShardTarget {
    int id = 0;
    QString name;
    QString tenantDatabase;
    ShardState state = ShardState::Active;
    int capacity = 0;
    qint64 tenants = 0; // every tenant placed on it, whatever its state
    QString host;       // the primary; empty when the shard has none
    int port = 0;
    Pooling pooling = Pooling::None; // the primary's
    // The roles the application on this shard connects as; nullopt: the fleet's (FleetRoles::apps).
    // ShardConnections::roles(shard) is what grants, checks and suspension use.
    std::optional<QStringList> appRoles;
    // Who owns a new schema tenant's schema and objects: empty, the fleet's owner role; else one of
    // its application roles (ShardConnections::tenantOwner).
    QString tenantOwner;

    qint64 headroom() const { return capacity - tenants; }
    bool acceptsTenants() const { return state == ShardState::Active && !host.isEmpty(); }
    // The catalog connection's user, passfile and TLS settings aimed at database on the primary:
    // the catalog holds no secrets, so an admin reaches every shard as they reach the catalog.
    ConnectionParams params(const ConnectionParams& catalog, const QString& database) const
    {
        return catalog.withEndpoint(host, port, database, pooling);
    }
    // "shard-1 (127.0.0.1:5433)", for messages.
    QString label() const { return QStringLiteral("%1 (%2:%3)").arg(name, host).arg(port); }
};
