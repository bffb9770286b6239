#include "ui/dashboard/DashboardHealthModel.h"

#include "ui/common/HealthColors.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

DashboardHealthModel::DashboardHealthModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void DashboardHealthModel::setTargets(const QList<MetricTarget>& targets)
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    for (const MetricTarget& target : targets) {
        m_rowOf.insert(target.endpoint.id, int(m_rows.size()));
        m_rows.append({target, {}, {}});
    }
    endResetModel();
}

bool DashboardHealthModel::setSample(const MetricSample& sample)
{
    const int row = rowOf(sample.endpointId);
    return row >= 0 && update(row, sample, EndpointHealth::of(m_rows[row].target, sample));
}

bool DashboardHealthModel::setDown(int endpointId, const QString& error)
{
    const int row = rowOf(endpointId);
    return row >= 0
           && update(row, MetricSample::down(endpointId, QDateTime::currentMSecsSinceEpoch(), error),
                     EndpointHealth::down(error));
}

bool DashboardHealthModel::update(int row, const MetricSample& sample, const EndpointHealth& health)
{
    Row& r = m_rows[row];
    const bool changed = !(r.health == health);
    r.sample = sample;
    r.health = health;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return changed;
}

EndpointHealth DashboardHealthModel::health(int endpointId) const
{
    const int row = rowOf(endpointId);
    return row >= 0 ? m_rows[row].health : EndpointHealth();
}

int DashboardHealthModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DashboardHealthModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString number(double value, int precision)
{
    return std::isnan(value) ? QStringLiteral("-") : QLocale().toString(value, 'f', precision);
}

QString DashboardHealthModel::text(const Row& row, Column column) const
{
    const MetricSample& s = row.sample;
    const bool up = s.up;
    switch (column) {
    case Endpoint:
        return row.target.shardName + u' ' + row.target.endpoint.roleName();
    case Address:
        return row.target.address();
    case Health:
        return EndpointHealth::stateName(row.health.state());
    case Tps:
        return up ? number(s.figure(MetricSample::Figure::Tps), 1) : QString();
    case Connections:
        return up ? QString::number(s.connections) : QString();
    case LockWaits:
        return up ? QString::number(s.lockWaits) : QString();
    case Lag:
        return up ? tr("%1 s / %2 kB").arg(number(s.lagSeconds, 1), number(double(s.lagBytes) / 1024.0, 0)) : QString();
    case HitRatio:
        return up ? number(100 * s.cacheHitRatio, 1) + u'%' : QString();
    case Reason:
        return row.health.reason();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DashboardHealthModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows[index.row()];
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return text(row, column);
    case Qt::ToolTipRole:
        // Server text (errors) escaped inside rich text: a plain tooltip that happens to look
        // like markup would be rendered as such.
        return (column == Reason || column == Health) && !row.health.reason().isEmpty()
                   ? QVariant(QStringLiteral("<p>%1</p>").arg(row.health.reason().toHtmlEscaped()))
                   : QVariant();
    case Qt::DecorationRole:
        return column == Health ? QVariant(HealthColors::of(row.health.state())) : QVariant();
    case Qt::ForegroundRole:
        return column == Health || column == Reason ? QVariant(HealthColors::of(row.health.state())) : QVariant();
    case Qt::TextAlignmentRole:
        return column >= Tps && column <= HitRatio ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant DashboardHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Endpoint:
        return tr("Endpoint");
    case Address:
        return tr("Address");
    case Health:
        return tr("Health");
    case Tps:
        return tr("Tx/s");
    case Connections:
        return tr("Conns");
    case LockWaits:
        return tr("Lock waits");
    case Lag:
        return tr("Replication lag");
    case HitRatio:
        return tr("Cache hit");
    case Reason:
        return tr("Why");
    case ColumnCount:
        break;
    }
    return {};
}
