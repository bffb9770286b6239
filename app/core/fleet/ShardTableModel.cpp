#include "fleet/ShardTableModel.h"

#include <QLocale>

ShardTableModel::ShardTableModel(QObject* parent)
    : FixedColumnsModel(
        {tr("Shard"), tr("Role"), tr("Endpoint"), tr("Status"), tr("Lag"), tr("Tenants"), tr("Size"), tr("Version")},
        parent)
{
}

void ShardTableModel::setShards(const QList<ShardInfo>& shards)
{
    beginResetModel();
    m_shards = shards;
    m_rows.clear();
    for (int s = 0; s < m_shards.size(); ++s) {
        for (int e = 0; e < m_shards[s].endpoints.size(); ++e)
            m_rows.append({s, e});
    }
    endResetModel();
}

void ShardTableModel::setEndpointStatus(int endpointId, const EndpointStatus& status)
{
    m_status.insert(endpointId, status);
    endpointChanged(endpointId);
}

void ShardTableModel::setLiveHealth(int endpointId, const EndpointHealth& health)
{
    m_live.insert(endpointId, {health, QDateTime::currentDateTimeUtc()});
    endpointChanged(endpointId);
}

void ShardTableModel::endpointChanged(int endpointId)
{
    const int row = rowOfEndpoint(endpointId);
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const EndpointHealth* ShardTableModel::newerLiveHealth(int endpointId) const
{
    const auto live = m_live.constFind(endpointId);
    if (live == m_live.constEnd() || live->health.state() == HealthState::Unknown)
        return nullptr;
    const auto probe = m_status.constFind(endpointId);
    if (probe != m_status.constEnd() && probe->probedAt > live->at)
        return nullptr;
    return &live->health;
}

void ShardTableModel::clear()
{
    m_status.clear();
    m_live.clear();
    setShards({});
}

HealthState ShardTableModel::health(int endpointId) const
{
    if (const EndpointHealth* live = newerLiveHealth(endpointId))
        return live->state();
    const auto it = m_status.constFind(endpointId);
    if (it == m_status.constEnd())
        return HealthState::Unknown;
    return it->reachable ? HealthState::Ok : HealthState::Down;
}

std::optional<EndpointStatus> ShardTableModel::status(int endpointId) const
{
    const auto it = m_status.constFind(endpointId);
    return it == m_status.constEnd() ? std::nullopt : std::optional<EndpointStatus>(*it);
}

QString ShardTableModel::describe(const EndpointInfo& endpoint) const
{
    const QString where = QStringLiteral("%1 %2:%3").arg(endpoint.roleName(), endpoint.host).arg(endpoint.port);
    if (const EndpointHealth* live = newerLiveHealth(endpoint.id)) {
        if (live->reason().isEmpty())
            return tr("%1 is %2").arg(where, EndpointHealth::stateName(live->state()));
        return tr("%1 is %2: %3").arg(where, EndpointHealth::stateName(live->state()), live->reason());
    }
    const auto it = m_status.constFind(endpoint.id);
    if (it == m_status.constEnd())
        return tr("%1: not checked yet").arg(where);
    if (!it->reachable)
        return tr("%1 is down: %2").arg(where, it->error);
    QString text = tr("%1 is up: PostgreSQL %2").arg(where, it->serverVersion);
    if (it->inRecovery)
        text += it->lagSeconds ? tr(", replaying %1 s behind").arg(*it->lagSeconds, 0, 'f', 1)
                               : tr(", in recovery, nothing replayed yet");
    return text;
}

int ShardTableModel::rowOfEndpoint(int endpointId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (endpointOf(row).id == endpointId)
            return row;
    }
    return -1;
}

int ShardTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ShardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == Size)
        return tr("The size of the shard's tenant database on this endpoint, as of the last probe; "
                  "database tenants' own databases are not counted");
    return FixedColumnsModel::headerData(section, orientation, role);
}

QVariant ShardTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        return describe(endpointOf(row));
    case Qt::TextAlignmentRole:
        if (column == Lag || column == Tenants || column == Size)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case HealthRole:
        return int(health(endpointOf(row).id));
    case EndpointIdRole:
        return endpointOf(row).id;
    case ShardIdRole:
        return shardOf(row).id;
    default:
        return {};
    }
}

QVariant ShardTableModel::display(int row, Column column) const
{
    const EndpointInfo& endpoint = endpointOf(row);
    const auto status = m_status.constFind(endpoint.id);
    const bool up = status != m_status.constEnd() && status->reachable;
    const QLocale locale;
    switch (column) {
    case Shard:
        return shardOf(row).name;
    case Role:
        return endpoint.roleName();
    case Endpoint:
        return QStringLiteral("%1:%2").arg(endpoint.host).arg(endpoint.port);
    case Status:
        switch (health(endpoint.id)) {
        case HealthState::Unknown:
            return tr("checking…");
        case HealthState::Ok:
            return tr("up");
        case HealthState::Warning:
            return tr("warning");
        case HealthState::Down:
            return tr("down");
        }
        return {};
    case Lag:
        if (!up || !status->inRecovery)
            return {};
        return status->lagSeconds ? tr("%1 s").arg(locale.toString(*status->lagSeconds, 'f', 1)) : tr("unknown");
    case Tenants:
        return locale.toString(shardOf(row).tenantCount());
    case Size:
        return up ? locale.formattedDataSize(status->databaseBytes) : QString();
    case Version:
        return up ? status->serverVersion : QString();
    case ColumnCount:
        break;
    }
    return {};
}
