#pragma once

#include "catalog/TenantTable.h"

#include <QAbstractTableModel>
#include <QVector>

// The tenants of a catalog as a flat table (Slug, Name, Model, Shard, State, Created), sorted and
// filtered by itself rather than through QSortFilterProxyModel, whose per-row mapping and
// per-cell QVariant comparisons are too slow and too large at 100,000 rows.
//
// Storage is the TenantTable (about 120 bytes per tenant) plus two int vectors: the rows of the
// whole table in the current sort order, and the visible rows (filtered, in that order). A
// filter keystroke that extends the previous text narrows the visible rows; any other text
// scans the search text once and keeps the sorted order without sorting again.
//
// Filter and sort changes are layout changes with persistent indexes moved along, so the
// selection survives them. Later pages arrive through appendTenants() as row insertions, so the
// first screen, the selection and the scroll position stay put while the rest loads. A fresh
// load of the same catalog comes in through replaceTenants(), also a layout change, with
// persistent indexes following each tenant by id.
class TenantTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { TenantIdRole = Qt::UserRole + 1 };

    explicit TenantTableModel(QObject* parent = nullptr);

    // Replaces the contents with the first page of a catalog; filter and sort order are kept.
    void setTenants(TenantTable table);
    // Appends a later page of the same catalog.
    void appendTenants(const TenantTable& page);
    // Replaces every tenant with a complete, fresh load of the same catalog (e.g. after a shard
    // was renamed), without a reset: filter, sort order, selection and scroll position stay;
    // persistent indexes follow their tenant by id (tenants gone lose theirs).
    void replaceTenants(TenantTable table);
    void clear();

    const TenantTable& table() const { return m_table; }
    // The number of tenants loaded, whether or not the filter shows them.
    int totalCount() const { return m_table.size(); }
    qint64 tenantId(int row) const { return m_table.id(m_visible[row]); }
    // The TenantTable row behind a visible row.
    int tableRow(int row) const { return m_visible[row]; }
    // The visible row of a tenant, or -1 when it is filtered out or not loaded.
    int rowOfTenant(qint64 tenantId) const;

    void setFilterText(const QString& text);

    // Heap bytes held by the model, its table included.
    qsizetype memoryBytes() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    // The visible row count changed (filter or load): for "N of M tenants" labels.
    void countsChanged();
    // appendTenants() added table rows from firstRow on, whether or not the filter shows them.
    void tenantsAppended(int firstRow);
    // replaceTenants() put a new table in: table rows mean other tenants now.
    void tenantsReplaced();

private:
    // Replaces the visible rows, moving persistent indexes to the same tenants.
    void relayout(QVector<int> visible);
    // Between layoutAboutToBeChanged and layoutChanged, once m_visible is set: moves the
    // persistent indexes from to the visible rows now showing tableRows (-1: gone).
    void movePersistentIndexes(const QModelIndexList& from, const QVector<int>& tableRows);
    // All table rows, in sort order, and those the filter keeps.
    void sortAndFilterAll();
    QVector<int> visibleFromSorted(const std::vector<bool>& keep) const;
    // rows, given in table order, in the current sort order.
    QVector<int> sortedRows(QVector<int> rows) const;
    // Whether rows (already sorted) belong after every current row in the sort order.
    bool sortsAfterCurrent(const QVector<int>& rows) const;

    TenantTable m_table;
    QVector<int> m_sorted;  // every table row, in sort order
    QVector<int> m_visible; // the rows the filter keeps, in sort order
    QString m_filter;
    int m_sortColumn = -1; // -1: catalog order
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
