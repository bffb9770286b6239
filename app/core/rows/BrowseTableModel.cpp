#include "rows/BrowseTableModel.h"

BrowseTableModel::BrowseTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void BrowseTableModel::setTable(BrowseTable table)
{
    beginResetModel();
    m_table = std::move(table);
    m_query = {};
    m_cache.clear();
    endResetModel();
}

void BrowseTableModel::setFilters(QList<FilterCondition> filters)
{
    m_query.filters = std::move(filters);
    showFirst();
}

void BrowseTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= m_table.columns.size() || (column >= 0 && !m_table.columns[column].orderable))
        return;
    m_query.sortColumn = column;
    m_query.descending = order == Qt::DescendingOrder;
    showFirst();
}

void BrowseTableModel::showFirst()
{
    restart(PageRequest::From::Start);
}

void BrowseTableModel::showLast()
{
    restart(PageRequest::From::End);
}

void BrowseTableModel::seek(const QString& value)
{
    restart(PageRequest::From::Seek, value);
}

void BrowseTableModel::restart(PageRequest::From from, const QString& seekValue)
{
    beginResetModel();
    PageRequest request = m_cache.restart(from, PageSize, seekValue);
    endResetModel();
    send(std::move(request));
    emit restarted();
}

void BrowseTableModel::send(PageRequest request)
{
    request.query = m_query;
    emit pageRequested(request);
}

void BrowseTableModel::extendForward()
{
    const int rows = m_cache.rowCount();
    beginInsertRows({}, rows, rows + PageSize - 1);
    PageRequest request = m_cache.extendForward(PageSize);
    endInsertRows();
    send(std::move(request));
}

void BrowseTableModel::extendBackward()
{
    beginInsertRows({}, 0, PageSize - 1);
    PageRequest request = m_cache.extendBackward(PageSize);
    endInsertRows();
    send(std::move(request));
}

void BrowseTableModel::rowsShown(int first, int last)
{
    const int margin = PageSize / 2;
    if (last >= m_cache.rowCount() - margin && m_cache.canExtendForward())
        extendForward();
    if (first < margin && m_cache.canExtendBackward())
        extendBackward();
}

bool BrowseTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_cache.canExtendForward();
}

void BrowseTableModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        extendForward();
}

void BrowseTableModel::deliver(const PageRequest& request, BrowsePage page)
{
    const std::optional<RowWindowCache::Placement> placement = m_cache.placementOf(request);
    if (!placement)
        return;
    const int rows = page.rowCount();
    if (const int unfilled = placement->placeholderRows - rows; unfilled > 0) {
        const int from = placement->backward ? placement->firstRow : placement->firstRow + rows;
        beginRemoveRows({}, from, from + unfilled - 1);
        m_cache.shrinkPlaceholder(request, rows, page.isCutShort());
        endRemoveRows();
    }
    if (rows > 0) {
        m_cache.fill(request, std::move(page));
        if (columnCount() > 0)
            emit dataChanged(index(placement->firstRow, 0), index(placement->firstRow + rows - 1, columnCount() - 1));
    }

    // Shed the end the view moved away from: a page that arrived at the bottom sheds the top.
    if (request.from != PageRequest::From::Before) {
        if (const int shed = m_cache.sheddableFront(MaxRows); shed > 0) {
            beginRemoveRows({}, 0, shed - 1);
            m_cache.shedFront(shed);
            endRemoveRows();
        }
    } else if (const int shed = m_cache.sheddableBack(MaxRows); shed > 0) {
        const int rowsNow = m_cache.rowCount();
        beginRemoveRows({}, rowsNow - shed, rowsNow - 1);
        m_cache.shedBack(shed);
        endRemoveRows();
    }
    emit windowChanged();
}

void BrowseTableModel::deliverError(const PageRequest& request, const Failure& error)
{
    const std::optional<RowWindowCache::Placement> placement = m_cache.placementOf(request);
    if (!placement)
        return;
    beginRemoveRows({}, placement->firstRow, placement->firstRow + placement->placeholderRows - 1);
    m_cache.drop(request);
    endRemoveRows();
    emit windowChanged();
    emit loadFailed(error.text());
}

int BrowseTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_cache.rowCount();
}

int BrowseTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

QString BrowseTableModel::cellText(int row, int column, bool full) const
{
    int inPage = 0;
    const BrowsePage* page = m_cache.pageAt(row, &inPage);
    if (!page || page->isNull(inPage, column))
        return {};
    const QByteArrayView bytes = page->bytes(inPage, column);
    if (full)
        return QString::fromUtf8(bytes);
    // Decode no more than is shown: a cell may hold megabytes.
    QString text = QString::fromUtf8(bytes.first(qMin<qsizetype>(bytes.size(), DisplayChars * 4)));
    if (text.size() > DisplayChars || bytes.size() > DisplayChars * 4) {
        text.truncate(DisplayChars);
        text += u'…';
    }
    for (QChar& ch : text) {
        if (ch == u'\n' || ch == u'\r' || ch == u'\t')
            ch = u' ';
    }
    return text;
}

QVariant BrowseTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    int inPage = 0;
    const BrowsePage* page = m_cache.pageAt(index.row(), &inPage);
    switch (role) {
    case Qt::DisplayRole:
        if (!page)
            return QStringLiteral("…");
        if (page->isNull(inPage, index.column()))
            return QStringLiteral("NULL");
        return cellText(index.row(), index.column(), false);
    case RawTextRole:
        if (!page || page->isNull(inPage, index.column()))
            return {};
        return cellText(index.row(), index.column(), true);
    case IsNullRole:
        return page && page->isNull(inPage, index.column());
    case IsPlaceholderRole:
        return page == nullptr;
    case Qt::TextAlignmentRole:
        if (m_table.columns[index.column()].isNumeric())
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant BrowseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_table.columns.size())
        return {};
    if (role == Qt::DisplayRole)
        return QString(m_table.columns[section].name + u'\n' + m_table.columns[section].displayType);
    return {};
}

static QString tsvField(const QString& text)
{
    if (!text.contains(u'\t') && !text.contains(u'\n') && !text.contains(u'\r') && !text.contains(u'"'))
        return text;
    QString quoted = text;
    quoted.replace(u'"', QLatin1String("\"\""));
    return u'"' + quoted + u'"';
}

QString BrowseTableModel::toTsv(const QList<int>& rows, const QList<int>& columns, bool header) const
{
    QString out;
    if (header) {
        QStringList names;
        for (int column : columns)
            names << tsvField(m_table.columns[column].name);
        out += names.join(u'\t') + u'\n';
    }
    for (int row : rows) {
        QStringList cells;
        for (int column : columns)
            cells << tsvField(cellText(row, column, true));
        out += cells.join(u'\t') + u'\n';
    }
    return out;
}
