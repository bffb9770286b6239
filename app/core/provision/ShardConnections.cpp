#include "provision/ShardConnections.h"

#include "pg/SqlResource.h"

#include <QJsonArray>
#include <QJsonDocument>

ShardConnections::ShardConnections(ConnectionParams catalog, FleetRoles roles)
    : m_catalog(std::move(catalog))
    , m_roles(std::move(roles))
{
}

QString ShardConnections::key(const ShardTarget& shard, const QString& database)
{
    return QStringLiteral("%1:%2/%3").arg(shard.host).arg(shard.port).arg(database);
}

PgConnection& ShardConnections::to(const ShardTarget& shard, const QString& database)
{
    std::unique_ptr<PgConnection>& slot = m_connections[key(shard, database)];
    if (!slot)
        slot = std::make_unique<PgConnection>();
    if (!slot->isOpen()) {
        // Notices such as "schema ... already exists, skipping" are expected here, not news.
        ConnectionParams params = shard.params(m_catalog, database);
        params.set("options",
                   QString(params.value("options") + QStringLiteral(" -c client_min_messages=warning")).trimmed());
        try {
            slot->open(params);
        } catch (const PgError& e) {
            throwReworded(
                e, QStringLiteral("Cannot connect to %1, database %2: %3").arg(shard.label(), database, e.message()));
        }
    }
    return *slot;
}

void ShardConnections::close(const ShardTarget& shard, const QString& database)
{
    m_connections.erase(key(shard, database));
    if (shard.pooling == Pooling::Transaction && database != shard.tenantDatabase)
        to(shard, shard.tenantDatabase)
            .exec(SqlResource::text(QStringLiteral("provision/parked_sessions.sql")), {database, parkedRolesJson()});
}

QByteArray ShardConnections::parkedRolesJson() const
{
    return QJsonDocument(QJsonArray{m_roles.support, m_roles.owner}).toJson(QJsonDocument::Compact);
}

void ShardConnections::closeAll()
{
    m_connections.clear();
}
