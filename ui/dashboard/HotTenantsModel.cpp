#include "ui/dashboard/HotTenantsModel.h"

#include <QLocale>
#include <QSet>

#include <algorithm>

HotTenantsModel::HotTenantsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

HotTenantsModel::Load HotTenantsModel::Entry::total() const
{
    Load sum{0, 0};
    for (const auto& [endpoint, load] : byEndpoint) {
        sum.read += load.read;
        sum.written += load.written;
    }
    return sum;
}

void HotTenantsModel::setTargets(const QList<MetricTarget>& targets)
{
    beginResetModel();
    m_shardOfEndpoint.clear();
    m_entries.clear();
    m_rows.clear();
    m_unmeasurable = 0;
    QSet<int> shardsCounted;
    qsizetype measurable = 0;
    for (const MetricTarget& target : targets) {
        m_shardOfEndpoint.insert(target.endpoint.id, target.shardName);
        if (shardsCounted.contains(target.endpoint.shardId))
            continue;
        shardsCounted.insert(target.endpoint.shardId);
        const auto shared = std::count_if(target.tenants.begin(), target.tenants.end(),
                                          [](const MetricTenant& t) { return t.model == IsolationModel::Shared; });
        m_unmeasurable += int(shared);
        measurable += target.tenants.size() - shared;
    }
    // Room for every tenant at once: growing the table while the first samples come in would
    // rehash it again and again on the GUI thread.
    m_entries.reserve(measurable);
    endResetModel();
}

void HotTenantsModel::addSample(const MetricSample& sample)
{
    const QString shard = m_shardOfEndpoint.value(sample.endpointId);
    for (const MetricSample::Tenant& tenant : sample.tenants) {
        if (!tenant.measurable || !tenant.hasRates)
            continue;
        Entry& entry = m_entries[tenant.slug];
        if (entry.slug.isEmpty())
            entry = {tenant.slug, shard, tenant.model, {}};
        const Load load{tenant.tuplesReadPerSec, tenant.tuplesWrittenPerSec};
        const auto it = std::find_if(entry.byEndpoint.begin(), entry.byEndpoint.end(),
                                     [&](const auto& e) { return e.first == sample.endpointId; });
        if (it != entry.byEndpoint.end())
            it->second = load;
        else
            entry.byEndpoint.append({sample.endpointId, load});
        m_dirty = true;
    }
}

void HotTenantsModel::forgetEndpoint(int endpointId)
{
    for (Entry& entry : m_entries) {
        entry.byEndpoint.removeIf([endpointId](const auto& e) { return e.first == endpointId; });
    }
    m_dirty = true;
}

void HotTenantsModel::refresh()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    // The hottest first; equal loads by slug, so that rows do not swap places at random.
    auto hotter = [](const Row& a, const Row& b) {
        const double ta = a.load.read + a.load.written;
        const double tb = b.load.read + b.load.written;
        return ta != tb ? ta > tb : a.slug < b.slug;
    };
    // A heap of the m_limit hottest so far, the least hot on top: one pass, no sort of everything.
    QList<Row> rows;
    rows.reserve(m_limit + 1);
    for (const Entry& entry : std::as_const(m_entries)) {
        const Load load = entry.total();
        if (load.read + load.written <= 0)
            continue;
        const Row row{entry.slug, entry.shard, entry.model, load};
        if (rows.size() == m_limit && !hotter(row, rows.constFirst()))
            continue;
        rows.append(row);
        std::push_heap(rows.begin(), rows.end(), hotter);
        if (rows.size() > m_limit) {
            std::pop_heap(rows.begin(), rows.end(), hotter);
            rows.removeLast();
        }
    }
    std::sort_heap(rows.begin(), rows.end(), hotter);
    if (rows.size() == m_rows.size()) {
        // Same number of rows: update in place, keeping the view's selection and scroll position.
        m_rows = std::move(rows);
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int HotTenantsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HotTenantsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HotTenantsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows[index.row()];
    if (role == Qt::TextAlignmentRole)
        return index.column() >= ReadPerSec ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::UserRole)
        return {};
    const bool raw = role == Qt::UserRole; // the number itself, for sorting and tests
    auto number = [&](double value) { return raw ? QVariant(value) : QVariant(QLocale().toString(value, 'f', 0)); };
    switch (Column(index.column())) {
    case Tenant:
        return row.slug;
    case Shard:
        return row.shard;
    case Model:
        return toString(row.model);
    case ReadPerSec:
        return number(row.load.read);
    case WrittenPerSec:
        return number(row.load.written);
    case TotalPerSec:
        return number(row.load.read + row.load.written);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant HotTenantsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Tenant:
        return tr("Tenant");
    case Shard:
        return tr("Shard");
    case Model:
        return tr("Model");
    case ReadPerSec:
        return tr("Read/s");
    case WrittenPerSec:
        return tr("Written/s");
    case TotalPerSec:
        return tr("Total/s");
    case ColumnCount:
        break;
    }
    return {};
}
