#include "fleet/FleetTreeModel.h"

#include <algorithm>

#include "fleet/TenantTableModel.h"

#include <QLocale>

static_assert(sizeof(quintptr) == 8, "FleetTreeModel packs a node into a 64-bit internal id");

FleetTreeModel::FleetTreeModel(const TenantTableModel* tenants, const ShardTableModel* shards, QObject* parent)
    : QAbstractItemModel(parent)
    , m_tenants(tenants)
    , m_fleet(shards)
{
    connect(tenants, &QAbstractItemModel::modelReset, this, &FleetTreeModel::reset);
    connect(tenants, &TenantTableModel::tenantsAppended, this, &FleetTreeModel::appendTenants);
    connect(tenants, &TenantTableModel::tenantsReplaced, this, &FleetTreeModel::reset);
    connect(shards, &QAbstractItemModel::modelReset, this, &FleetTreeModel::reset);
    connect(shards, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                endpointsChanged(topLeft.row(), bottomRight.row());
            });
}

void FleetTreeModel::setCatalogLabel(const QString& label)
{
    if (!m_catalogLabel.isEmpty() && !label.isEmpty()) {
        m_catalogLabel = label;
        const QModelIndex catalog = catalogIndex();
        emit dataChanged(catalog, catalog, {Qt::DisplayRole});
        return;
    }
    beginResetModel();
    m_catalogLabel = label;
    endResetModel();
}

void FleetTreeModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    rebuild();
    endResetModel();
}

void FleetTreeModel::reset()
{
    beginResetModel();
    rebuild();
    endResetModel();
}

void FleetTreeModel::endpointsChanged(int firstRow, int lastRow)
{
    for (int row = firstRow; row <= lastRow; ++row) {
        const int endpointId = m_fleet->index(row, 0).data(ShardTableModel::EndpointIdRole).toInt();
        // The endpoint, and its shard's nodes, which show the worst health of the shard's endpoints.
        for (QModelIndex index = endpointIndex(endpointId); index.isValid(); index = index.parent()) {
            const NodeKind kind = decode(index).kind;
            if (kind == NodeKind::Catalog)
                break;
            if (kind != NodeKind::ShardsFolder)
                emit dataChanged(index, index);
        }
    }
}

QModelIndex FleetTreeModel::catalogIndex() const
{
    return m_catalogLabel.isEmpty() ? QModelIndex() : createIndex(0, 0, encode({NodeKind::Catalog, 0, 0}));
}

QModelIndex FleetTreeModel::endpointIndex(int endpointId) const
{
    for (int s = 0; s < shards().size(); ++s) {
        const QList<EndpointInfo>& endpoints = shards()[s].endpoints;
        for (int e = 0; e < endpoints.size(); ++e) {
            if (endpoints[e].id == endpointId)
                return nodeIndex({NodeKind::Endpoint, s, e});
        }
    }
    return {};
}

int FleetTreeModel::tableRow(const QModelIndex& index) const
{
    if (!index.isValid() || index.model() != this)
        return -1;
    const Node node = decode(index);
    return node.kind == NodeKind::Tenant ? m_groups[node.group].rows[node.item] : -1;
}

QModelIndex FleetTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return catalogIndex();
    const Node p = decode(parent);
    switch (p.kind) {
    case NodeKind::Catalog:
        return row < groupRowOffset() ? nodeIndex({NodeKind::ShardsFolder, 0, 0})
                                      : nodeIndex({NodeKind::Group, row - groupRowOffset(), 0});
    case NodeKind::ShardsFolder:
        return nodeIndex({NodeKind::Shard, row, 0});
    case NodeKind::Shard:
    case NodeKind::EndpointsFolder:
        return nodeIndex({NodeKind::Endpoint, p.group, row});
    case NodeKind::Group:
        if (hasEndpointsFolder(p.group))
            return row == 0 ? nodeIndex({NodeKind::EndpointsFolder, p.group, 0})
                            : nodeIndex({NodeKind::Tenant, p.group, row - 1});
        return nodeIndex({NodeKind::Tenant, p.group, row});
    case NodeKind::Endpoint:
    case NodeKind::Tenant:
        break;
    }
    return {};
}

QModelIndex FleetTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const Node node = decode(child);
    switch (node.kind) {
    case NodeKind::Catalog:
        return {};
    case NodeKind::ShardsFolder:
    case NodeKind::Group:
        return catalogIndex();
    case NodeKind::Shard:
        return nodeIndex({NodeKind::ShardsFolder, 0, 0});
    case NodeKind::EndpointsFolder:
    case NodeKind::Tenant:
        return nodeIndex({NodeKind::Group, node.group, 0});
    case NodeKind::Endpoint:
        return m_grouping == Grouping::Shard ? nodeIndex({NodeKind::EndpointsFolder, node.group, 0})
                                             : nodeIndex({NodeKind::Shard, node.group, 0});
    }
    return {};
}

int FleetTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    if (!parent.isValid())
        return m_catalogLabel.isEmpty() ? 0 : 1;
    const Node node = decode(parent);
    switch (node.kind) {
    case NodeKind::Catalog:
        return groupRowOffset() + int(m_groups.size());
    case NodeKind::ShardsFolder:
        return int(shards().size());
    case NodeKind::Shard:
    case NodeKind::EndpointsFolder:
        return int(shards()[node.group].endpoints.size());
    case NodeKind::Group:
        return (hasEndpointsFolder(node.group) ? 1 : 0) + int(m_groups[node.group].rows.size());
    case NodeKind::Endpoint:
    case NodeKind::Tenant:
        break;
    }
    return 0;
}

int FleetTreeModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QVariant FleetTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    return nodeData(decode(index), role);
}

QVariant FleetTreeModel::nodeData(const Node& node, int role) const
{
    const QLocale locale;
    const bool shardNode = node.kind == NodeKind::Shard || node.kind == NodeKind::EndpointsFolder
                           || node.kind == NodeKind::Endpoint
                           || (node.kind == NodeKind::Group && hasEndpointsFolder(node.group));
    if (role == NodeKindRole)
        return int(node.kind);
    if (role == ShardIdRole && shardNode)
        return shards()[node.group].id;

    switch (node.kind) {
    case NodeKind::Catalog:
        return role == Qt::DisplayRole || role == Qt::ToolTipRole ? QVariant(m_catalogLabel) : QVariant();
    case NodeKind::ShardsFolder:
        return role == Qt::DisplayRole ? QVariant(tr("Shards (%1)").arg(locale.toString(shards().size()))) : QVariant();
    case NodeKind::Shard:
    case NodeKind::EndpointsFolder:
    case NodeKind::Group: {
        if (role == HealthRole)
            return shardNode ? int(shardHealth(node.group)) : QVariant();
        if (role == Qt::ToolTipRole && shardNode) {
            QStringList down;
            for (const EndpointInfo& e : shards()[node.group].endpoints) {
                if (m_fleet->health(e.id) >= HealthState::Warning)
                    down << m_fleet->describe(e);
            }
            return down.isEmpty() ? QVariant() : QVariant(down.join(u'\n'));
        }
        if (role != Qt::DisplayRole)
            return {};
        if (node.kind == NodeKind::Shard)
            return shards()[node.group].name;
        if (node.kind == NodeKind::EndpointsFolder)
            return tr("Endpoints (%1)").arg(locale.toString(shards()[node.group].endpoints.size()));
        return tr("%1 (%2)").arg(groupLabel(node.group), locale.toString(m_groups[node.group].rows.size()));
    }
    case NodeKind::Endpoint: {
        const EndpointInfo& endpoint = shards()[node.group].endpoints[node.item];
        switch (role) {
        case Qt::DisplayRole:
            return endpointText(endpoint);
        case Qt::ToolTipRole:
            return m_fleet->describe(endpoint);
        case HealthRole:
            return int(m_fleet->health(endpoint.id));
        case EndpointIdRole:
            return endpoint.id;
        default:
            return {};
        }
    }
    case NodeKind::Tenant: {
        const TenantTable& table = m_tenants->table();
        const int row = m_groups[node.group].rows[node.item];
        switch (role) {
        case Qt::DisplayRole:
            return tenantLabel(row);
        case Qt::ToolTipRole:
            return table.name(row);
        case TenantIdRole:
            return table.id(row);
        case ShardIdRole:
            return table.shardId(row);
        default:
            return {};
        }
    }
    }
    return {};
}

quintptr FleetTreeModel::encode(const Node& node)
{
    return quintptr(node.kind) << 56 | quintptr(quint32(node.group) & 0xffffff) << 32 | quint32(node.item);
}

FleetTreeModel::Node FleetTreeModel::decode(const QModelIndex& index)
{
    const quintptr id = index.internalId();
    return {NodeKind(id >> 56), int((id >> 32) & 0xffffff), int(quint32(id))};
}

QModelIndex FleetTreeModel::nodeIndex(const Node& node) const
{
    return createIndex(rowOf(node), 0, encode(node));
}

int FleetTreeModel::rowOf(const Node& node) const
{
    switch (node.kind) {
    case NodeKind::Catalog:
    case NodeKind::ShardsFolder:
    case NodeKind::EndpointsFolder:
        return 0;
    case NodeKind::Shard:
        return node.group;
    case NodeKind::Endpoint:
        return node.item;
    case NodeKind::Group:
        return groupRowOffset() + node.group;
    case NodeKind::Tenant:
        return (hasEndpointsFolder(node.group) ? 1 : 0) + node.item;
    }
    return 0;
}

bool FleetTreeModel::hasEndpointsFolder(int group) const
{
    // In the shard grouping the groups of the catalog's shards come first, in shards() order.
    return m_grouping == Grouping::Shard && group < shards().size();
}

void FleetTreeModel::rebuild()
{
    m_groups.clear();
    m_groupOfKey.clear();
    const TenantTable& table = m_tenants->table();
    auto addGroup = [this](int key) {
        m_groupOfKey.insert(key, int(m_groups.size()));
        m_groups.append(Group{key, {}});
    };

    // Shards are listed even without tenants; models and states only when some tenant has them.
    if (m_grouping == Grouping::Shard) {
        for (const ShardInfo& shard : shards())
            addGroup(shard.id);
        for (const TenantTable::ShardEntry& shard : table.shards()) {
            if (!m_groupOfKey.contains(shard.id))
                addGroup(shard.id);
        }
    } else {
        const int keys = m_grouping == Grouping::Model ? IsolationModelCount : TenantStateCount;
        QVector<int> counts(keys, 0);
        for (int row = 0; row < table.size(); ++row)
            ++counts[groupKeyOf(row)];
        for (int key = 0; key < keys; ++key) {
            if (counts[key] > 0) {
                addGroup(key);
                m_groups.last().rows.reserve(counts[key]);
            }
        }
    }
    for (int row = 0; row < table.size(); ++row)
        m_groups[m_groupOfKey.value(groupKeyOf(row))].rows.append(row);
}

void FleetTreeModel::appendTenants(int firstRow)
{
    const TenantTable& table = m_tenants->table();
    QList<QVector<int>> added(m_groups.size());
    for (int row = firstRow; row < table.size(); ++row) {
        const auto group = m_groupOfKey.constFind(groupKeyOf(row));
        if (group == m_groupOfKey.constEnd()) {
            // A model, state or shard seen for the first time: groups keep their fixed order, so rebuild.
            reset();
            return;
        }
        added[*group].append(row);
    }
    for (int g = 0; g < m_groups.size(); ++g) {
        if (added[g].isEmpty())
            continue;
        const QModelIndex parent = nodeIndex({NodeKind::Group, g, 0});
        const int first = rowCount(parent);
        beginInsertRows(parent, first, first + int(added[g].size()) - 1);
        m_groups[g].rows += added[g];
        endInsertRows();
        emit dataChanged(parent, parent, {Qt::DisplayRole}); // the count in its label
    }
}

int FleetTreeModel::groupKeyOf(int tableRow) const
{
    const TenantTable& table = m_tenants->table();
    switch (m_grouping) {
    case Grouping::Shard:
        return table.shardId(tableRow);
    case Grouping::Model:
        return int(table.model(tableRow));
    case Grouping::State:
        return int(table.state(tableRow));
    }
    return 0;
}

QString FleetTreeModel::groupLabel(int group) const
{
    const int key = m_groups[group].key;
    switch (m_grouping) {
    case Grouping::Shard: {
        const int shard = shardIndexOf(key);
        if (shard >= 0)
            return shards()[shard].name;
        for (const TenantTable::ShardEntry& entry : m_tenants->table().shards()) {
            if (entry.id == key)
                return entry.name;
        }
        return tr("shard %1").arg(key);
    }
    case Grouping::Model:
        return toString(IsolationModel(key));
    case Grouping::State:
        return toString(TenantState(key));
    }
    return {};
}

QString FleetTreeModel::tenantLabel(int tableRow) const
{
    const TenantTable& table = m_tenants->table();
    return table.slug(tableRow) + QStringLiteral(" — ") + table.name(tableRow);
}

int FleetTreeModel::shardIndexOf(int shardId) const
{
    for (int s = 0; s < shards().size(); ++s) {
        if (shards()[s].id == shardId)
            return s;
    }
    return -1;
}

HealthState FleetTreeModel::shardHealth(int shardIndex) const
{
    // The worst of its endpoints (HealthState is ordered from unknown to down); unknown only while
    // none is known, so one endpoint being checked does not hide a warning on another.
    HealthState worst = HealthState::Unknown;
    bool allKnown = true;
    for (const EndpointInfo& e : shards()[shardIndex].endpoints) {
        const HealthState health = m_fleet->health(e.id);
        allKnown = allKnown && health != HealthState::Unknown;
        worst = std::max(worst, health);
    }
    return worst == HealthState::Ok && !allKnown ? HealthState::Unknown : worst;
}

QString FleetTreeModel::endpointText(const EndpointInfo& endpoint) const
{
    const QString text = QStringLiteral("%1 %2:%3").arg(endpoint.roleName(), endpoint.host).arg(endpoint.port);
    switch (m_fleet->health(endpoint.id)) {
    case HealthState::Down:
        return text + tr(" — down");
    case HealthState::Warning:
        return text + tr(" — warning");
    case HealthState::Ok:
        return text;
    case HealthState::Unknown:
        break;
    }
    return text + tr(" — checking…");
}
