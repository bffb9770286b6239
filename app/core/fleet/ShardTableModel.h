#pragma once

#include "base/FixedColumnsModel.h"
#include "catalog/ShardInfo.h"
#include "fleet/EndpointStatus.h"
#include "metrics/EndpointHealth.h"

#include <QHash>
#include <QList>
#include <QVector>

#include <optional>

// Every endpoint of the fleet as a row: its shard, role, address, whether it is up (with the
// reason when not), replica lag, the shard's tenant count, and size and version as last probed.
// It is also where the fleet tree reads shards and endpoint health from, so both views always
// agree. Colours and icons are the view's business: HealthRole says what to show.
class ShardTableModel : public FixedColumnsModel {
    Q_OBJECT
public:
    enum Column { Shard, Role, Endpoint, Status, Lag, Tenants, Size, Version, ColumnCount };
    // Down last: views size tables by it.
    enum DataRole {
        HealthRole = Qt::UserRole + 1, // HealthState as int
        EndpointIdRole,
        ShardIdRole,
    };

    explicit ShardTableModel(QObject* parent = nullptr);

    void setShards(const QList<ShardInfo>& shards);
    const QList<ShardInfo>& shards() const { return m_shards; }
    // A probe result; statuses of endpoints that are not (or no longer) listed are kept aside.
    void setEndpointStatus(int endpointId, const EndpointStatus& status);
    // What the load dashboard's latest sample says (EndpointHealth::of). Health and the status
    // shown follow whichever is newer, this or the last probe.
    void setLiveHealth(int endpointId, const EndpointHealth& health);
    void clear();

    HealthState health(int endpointId) const;
    std::optional<EndpointStatus> status(int endpointId) const;
    // "replica 10.0.0.5:5432 is down: <libpq message>", or what is known when it is up.
    QString describe(const EndpointInfo& endpoint) const;
    int rowOfEndpoint(int endpointId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // The titles, and what the Size column measures as their tooltip.
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        int shard;
        int endpoint;
    };
    const ShardInfo& shardOf(int row) const { return m_shards[m_rows[row].shard]; }
    const EndpointInfo& endpointOf(int row) const { return shardOf(row).endpoints[m_rows[row].endpoint]; }
    QVariant display(int row, Column column) const;
    // The dashboard's health of the endpoint, when it is newer than the last probe.
    const EndpointHealth* newerLiveHealth(int endpointId) const;
    void endpointChanged(int endpointId);

    struct LiveHealth {
        EndpointHealth health;
        QDateTime at; // UTC
    };

    QList<ShardInfo> m_shards;
    QVector<Row> m_rows;
    QHash<int, EndpointStatus> m_status; // by endpoint id; absent until probed
    QHash<int, LiveHealth> m_live;       // by endpoint id; absent until sampled
};
