#pragma once

#include "base/Failure.h"
#include "rows/BrowseTable.h"
#include "rows/PageRequest.h"
#include "rows/RowWindowCache.h"

#include <QAbstractTableModel>

// The rows of one relation as a table model (QtCore only), backed by a RowWindowCache: it asks
// for pages through pageRequested() and takes the replies through deliver(), so the same model
// works over a PgSession (TableBrowser), in tests, and in benchmarks. Rows not yet arrived show
// a placeholder (IsPlaceholderRole); NULLs are flagged (IsNullRole) for the view to style.
//
// Paging: First, Last and Seek start a new window; nearing either end of the window (the view
// calls rowsShown(), and fetchMore() at the bottom) asks for the next page by keyset, and the
// far end is shed once the window holds more than MaxRows.
class BrowseTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int PageSize = 200;
    static constexpr int MaxRows = 10 * PageSize;
    static constexpr int DisplayChars = 300; // longer text is cut in the cell (the viewer shows all)

    enum Role { IsNullRole = Qt::UserRole + 1, IsPlaceholderRole, RawTextRole };

    explicit BrowseTableModel(QObject* parent = nullptr);

    // A new relation: no rows until showFirst() (or another restart).
    void setTable(BrowseTable table);
    const BrowseTable& table() const { return m_table; }
    const BrowseQuery& query() const { return m_query; }
    void setFilters(QList<FilterCondition> filters); // restarts at the first row

    void showFirst();
    void showLast();
    // Rows from the first whose leading ordering column (the sort column, else the key's first
    // column) reaches value.
    void seek(const QString& value);
    // The view shows rows first..last: asks for pages near the window's ends.
    void rowsShown(int first, int last);

    bool atStart() const { return m_cache.atStart(); }
    bool atEnd() const { return m_cache.atEnd(); }
    bool isLoading() const { return m_cache.isLoading(); }
    qsizetype memoryBytes() const { return m_cache.memoryBytes(); }
    // Tab-separated text of the given rows and columns (in that order), with a header line when
    // header is set: values with tabs or line breaks are quoted as in spreadsheets.
    QString toTsv(const QList<int>& rows, const QList<int>& columns, bool header) const;

    // Replies to pageRequested(): stale ones (older generation, or a page shed meanwhile) are dropped.
    void deliver(const PageRequest& request, BrowsePage page);
    void deliverError(const PageRequest& request, const Failure& error);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void pageRequested(const PageRequest& request);
    // A new window started: counts and positions shown elsewhere are stale.
    void restarted();
    // A page arrived or failed; the window's ends may have changed.
    void windowChanged();
    void loadFailed(const QString& message);

private:
    void restart(PageRequest::From from, const QString& seekValue = {});
    void extendForward();
    void extendBackward();
    void send(PageRequest request);
    QString cellText(int row, int column, bool full) const;

    BrowseTable m_table;
    BrowseQuery m_query;
    RowWindowCache m_cache;
};
