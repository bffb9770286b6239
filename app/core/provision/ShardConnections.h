#pragma once

#include "catalog/FleetRoles.h"
#include "catalog/ShardTarget.h"
#include "pg/ConnectionParams.h"
#include "pg/PgConnection.h"

#include <QString>
#include <map>
#include <memory>

// The connections one provisioning, lifecycle or reconcile job holds to shard databases, opened
// on first use with the catalog connection's credentials (ShardTarget::params) and reused, so
// that a batch of a thousand tenants connects to each shard once. It carries the fleet's role
// names (FleetRoles::load, read once per job), which every statement on a shard grants to or acts
// as, with each shard's own application roles (roles(shard)). Owned by one thread, like the
// PgConnections it holds.
class ShardConnections {
public:
    // catalog: the parameters of the catalog connection, with safe defaults applied; roles: the
    // fleet's, as that catalog names them.
    ShardConnections(ConnectionParams catalog, FleetRoles roles);
    ShardConnections(const ShardConnections&) = delete;
    ShardConnections& operator=(const ShardConnections&) = delete;

    const ConnectionParams& catalogParams() const { return m_catalog; }
    // The fleet's roles as they are on shard: its own application roles, or the fleet's.
    FleetRoles roles(const ShardTarget& shard) const { return m_roles.onShard(shard.appRoles); }
    // The role that owns a new tenant's schema and objects on shard: its application role when
    // the shard says so, else the fleet's owner role.
    QString tenantOwner(const ShardTarget& shard) const
    {
        return shard.tenantOwner.isEmpty() ? m_roles.owner : shard.tenantOwner;
    }

    // An open connection to database on the shard's primary; a connection that was lost is
    // opened again. Throws PgError(Connection) naming the shard when it cannot connect.
    PgConnection& to(const ShardTarget& shard, const QString& database);
    // Closes the connection to database, if any: a database must have no sessions to be copied,
    // renamed or dropped. Behind a transaction-pooling PgBouncer, also ends the idle server
    // sessions it parked there for us and for the fleet's support and owner roles, those the
    // admin may end (provision/parked_sessions.sql; parked_unendable.sql names the others).
    void close(const ShardTarget& shard, const QString& database);
    // The roles whose parked sessions close() ends besides the admin's own, as a JSON array.
    QByteArray parkedRolesJson() const;
    void closeAll();

private:
    static QString key(const ShardTarget& shard, const QString& database);

    ConnectionParams m_catalog;
    FleetRoles m_roles;
    std::map<QString, std::unique_ptr<PgConnection>> m_connections;
};
