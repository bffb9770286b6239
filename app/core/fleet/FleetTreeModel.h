#pragma once

#include "fleet/ShardTableModel.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QVector>

class TenantTableModel;

// The fleet as a tree: the catalog, then its tenants in groups (by shard, isolation model or
// lifecycle state), and every shard's endpoints with whether they are up.
//
//   Grouping::Shard                         Grouping::Model / Grouping::State
//   Catalog                                 Catalog
//     shard-1 (n)                             Shards (k)
//       Endpoints (2)                           shard-1
//         primary 127.0.0.1:5433                  primary 127.0.0.1:5433
//         replica 127.0.0.1:5435                  replica 127.0.0.1:5435
//       acme — Acme Corp                      schema (n)
//       ...                                     acme — Acme Corp
//
// Nothing is allocated per tenant but an int in its group's row vector: a node is encoded in the
// index's internal id (kind, group, item). Tenants are read from the TenantTableModel's table,
// shards and endpoint health from the ShardTableModel; the tree follows both models' changes.
// Regrouping 100,000 tenants is two passes over the table. Icons and colours are the view's
// business (NodeKindRole, HealthRole).
class FleetTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class Grouping { Shard, Model, State };
    enum class NodeKind { Catalog, ShardsFolder, Shard, EndpointsFolder, Endpoint, Group, Tenant };
    // The roles the shard table has too mean the same here.
    enum Role {
        HealthRole = ShardTableModel::HealthRole, // endpoints, and shards by their worst endpoint
        EndpointIdRole = ShardTableModel::EndpointIdRole,
        ShardIdRole = ShardTableModel::ShardIdRole,
        NodeKindRole = Qt::UserRole + 10, // NodeKind as int
        TenantIdRole,
    };

    FleetTreeModel(const TenantTableModel* tenants, const ShardTableModel* shards, QObject* parent = nullptr);

    // The top node's text; the tree is empty while it is empty.
    void setCatalogLabel(const QString& label);
    void setGrouping(Grouping grouping);
    Grouping grouping() const { return m_grouping; }

    QModelIndex catalogIndex() const;
    // The node of an endpoint; invalid when not in the tree.
    QModelIndex endpointIndex(int endpointId) const;
    // The TenantTable row of a tenant node, else -1.
    int tableRow(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        NodeKind kind;
        int group; // group index; for Shard, EndpointsFolder and Endpoint: the shard index
        int item;  // Tenant: position in its group; Endpoint: index in its shard
    };
    struct Group {
        int key;           // shard id, IsolationModel or TenantState
        QVector<int> rows; // table rows, in table order
    };

    static quintptr encode(const Node& node);
    static Node decode(const QModelIndex& index);
    QModelIndex nodeIndex(const Node& node) const;
    int rowOf(const Node& node) const;
    // Group rows start after the Shards folder, which the shard grouping does not need.
    int groupRowOffset() const { return m_grouping == Grouping::Shard ? 0 : 1; }
    bool hasEndpointsFolder(int group) const;

    const QList<ShardInfo>& shards() const { return m_fleet->shards(); }
    void reset();
    void rebuild();
    void appendTenants(int firstRow);
    void endpointsChanged(int firstRow, int lastRow);
    int groupKeyOf(int tableRow) const;
    QString groupLabel(int group) const;
    QString tenantLabel(int tableRow) const;
    int shardIndexOf(int shardId) const;
    HealthState shardHealth(int shardIndex) const;
    QString endpointText(const EndpointInfo& endpoint) const;
    QVariant nodeData(const Node& node, int role) const;

    const TenantTableModel* m_tenants;
    const ShardTableModel* m_fleet;
    QString m_catalogLabel;
    Grouping m_grouping = Grouping::Shard;
    QList<Group> m_groups;
    QHash<int, int> m_groupOfKey;
};
