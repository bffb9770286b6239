#include "fleet/TenantTableModel.h"

#include <QHash>

#include <algorithm>
#include <numeric>

namespace {

QVector<int> sequence(int from, int to)
{
    QVector<int> rows(to - from);
    std::iota(rows.begin(), rows.end(), from);
    return rows;
}

} // namespace

TenantTableModel::TenantTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TenantTableModel::setTenants(TenantTable table)
{
    beginResetModel();
    m_table = std::move(table);
    sortAndFilterAll();
    endResetModel();
    emit countsChanged();
}

void TenantTableModel::replaceTenants(TenantTable table)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QVector<qint64> ids;
    ids.reserve(from.size());
    for (const QModelIndex& index : from)
        ids.append(m_table.id(m_visible[index.row()]));
    m_table = std::move(table);
    sortAndFilterAll();

    // Those tenants (selection, current row) found in the new table by id: one pass over it.
    QHash<qint64, int> newRowOf;
    for (qint64 id : std::as_const(ids))
        newRowOf.insert(id, -1);
    for (int row = 0; !newRowOf.isEmpty() && row < m_table.size(); ++row) {
        if (const auto it = newRowOf.find(m_table.id(row)); it != newRowOf.end())
            *it = row;
    }
    QVector<int> tableRows;
    tableRows.reserve(ids.size());
    for (qint64 id : std::as_const(ids))
        tableRows.append(newRowOf.value(id));
    movePersistentIndexes(from, tableRows);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    emit tenantsReplaced();
    emit countsChanged();
}

void TenantTableModel::appendTenants(const TenantTable& page)
{
    if (page.isEmpty())
        return;
    const int first = m_table.size();
    m_table.appendRows(page);
    const QVector<int> added = sortedRows(sequence(first, m_table.size()));

    // Catalog pages arrive in the order the view is usually sorted by, so this is the common path.
    const bool inOrder = sortsAfterCurrent(added);
    if (inOrder)
        m_sorted += added;
    else
        m_sorted = sortedRows(m_sorted + added);

    const QVector<int> shown = m_filter.isEmpty() ? added : m_table.filter(m_filter, added);
    if (inOrder && !shown.isEmpty()) {
        beginInsertRows({}, int(m_visible.size()), int(m_visible.size() + shown.size()) - 1);
        m_visible += shown;
        endInsertRows();
    } else if (!shown.isEmpty()) {
        std::vector<bool> keep(size_t(m_table.size()), false);
        for (int row : m_visible)
            keep[size_t(row)] = true;
        for (int row : shown)
            keep[size_t(row)] = true;
        relayout(visibleFromSorted(keep));
    }
    emit tenantsAppended(first);
    emit countsChanged();
}

void TenantTableModel::clear()
{
    setTenants(TenantTable());
}

int TenantTableModel::rowOfTenant(qint64 tenantId) const
{
    const auto it = std::find_if(m_visible.cbegin(), m_visible.cend(),
                                 [&](int row) { return m_table.id(row) == tenantId; });
    return it == m_visible.cend() ? -1 : int(it - m_visible.cbegin());
}

void TenantTableModel::setFilterText(const QString& text)
{
    if (text == m_filter)
        return;
    QVector<int> next;
    if (text.isEmpty())
        next = m_sorted;
    else if (!m_filter.isEmpty() && text.toLower().contains(m_filter.toLower()))
        next = m_table.filter(text, m_visible); // every row matching text also matched m_filter
    else
        next = visibleFromSorted(m_table.matches(text));
    m_filter = text;
    relayout(std::move(next));
    emit countsChanged();
}

void TenantTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= TenantTable::ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    m_sorted = sortedRows(sequence(0, m_table.size()));
    if (m_visible.size() == m_sorted.size()) {
        relayout(m_sorted);
        return;
    }
    std::vector<bool> keep(size_t(m_table.size()), false);
    for (int row : m_visible)
        keep[size_t(row)] = true;
    relayout(visibleFromSorted(keep));
}

qsizetype TenantTableModel::memoryBytes() const
{
    return m_table.memoryBytes() + (m_sorted.capacity() + m_visible.capacity()) * qsizetype(sizeof(int));
}

int TenantTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int TenantTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : TenantTable::ColumnCount;
}

QVariant TenantTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = m_visible[index.row()];
    const auto column = TenantTable::Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return m_table.text(row, column);
    case Qt::ToolTipRole:
        // Display names run to 200 characters; the column usually elides them.
        return column == TenantTable::Name ? QVariant(m_table.name(row)) : QVariant();
    case TenantIdRole:
        return m_table.id(row);
    default:
        return {};
    }
}

QVariant TenantTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < TenantTable::ColumnCount)
        return TenantTable::columnTitle(TenantTable::Column(section));
    return QAbstractTableModel::headerData(section, orientation, role);
}

void TenantTableModel::relayout(QVector<int> visible)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList from = persistentIndexList();
    QVector<int> tableRows;
    tableRows.reserve(from.size());
    for (const QModelIndex& index : from)
        tableRows.append(m_visible[index.row()]);
    m_visible = std::move(visible);
    movePersistentIndexes(from, tableRows);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void TenantTableModel::movePersistentIndexes(const QModelIndexList& from, const QVector<int>& tableRows)
{
    if (from.isEmpty())
        return;
    std::vector<int> position(size_t(m_table.size()), -1);
    for (int i = 0; i < m_visible.size(); ++i)
        position[size_t(m_visible[i])] = i;
    QModelIndexList to;
    to.reserve(from.size());
    for (qsizetype i = 0; i < from.size(); ++i) {
        const int row = tableRows[i] < 0 ? -1 : position[size_t(tableRows[i])];
        to.append(row < 0 ? QModelIndex() : index(row, from[i].column()));
    }
    changePersistentIndexList(from, to);
}

void TenantTableModel::sortAndFilterAll()
{
    m_sorted = sortedRows(sequence(0, m_table.size()));
    m_visible = m_filter.isEmpty() ? m_sorted : m_table.filter(m_filter, m_sorted);
}

QVector<int> TenantTableModel::visibleFromSorted(const std::vector<bool>& keep) const
{
    QVector<int> rows;
    rows.reserve(m_sorted.size());
    for (int row : m_sorted) {
        if (keep[size_t(row)])
            rows.append(row);
    }
    rows.squeeze();
    return rows;
}

QVector<int> TenantTableModel::sortedRows(QVector<int> rows) const
{
    // Catalog order is table order, which is how callers pass rows: nothing to do.
    if (m_sortColumn >= 0)
        m_table.sort(rows, TenantTable::Column(m_sortColumn), m_sortOrder);
    return rows;
}

bool TenantTableModel::sortsAfterCurrent(const QVector<int>& rows) const
{
    if (m_sortColumn < 0 || m_sorted.isEmpty() || rows.isEmpty())
        return true;
    // Stable sort keeps the pair as it is when the first new row sorts after or level with the last one.
    const QVector<int> pair{m_sorted.constLast(), rows.constFirst()};
    return sortedRows(pair) == pair;
}
