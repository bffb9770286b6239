#include "provision/BatchRowModel.h"

BatchRowModel::BatchRowModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

static bool isRetriable(const BatchRow& row)
{
    return (row.state == JobState::Failed || row.state == JobState::Unconfirmed) && row.inputError.isEmpty();
}

void BatchRowModel::setRows(QList<BatchRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    m_counts.fill(0);
    m_retriable = 0;
    for (const BatchRow& row : std::as_const(m_rows)) {
        ++m_counts[size_t(row.state)];
        m_retriable += isRetriable(row);
    }
    endResetModel();
    emit countsChanged();
}

void BatchRowModel::store(int index, const BatchRow& row)
{
    BatchRow& old = m_rows[index];
    --m_counts[size_t(old.state)];
    m_retriable -= isRetriable(old);
    old = row;
    ++m_counts[size_t(row.state)];
    m_retriable += isRetriable(row);
}

void BatchRowModel::setRow(int index, const BatchRow& row)
{
    setRows(QList<std::pair<int, BatchRow>>{{index, row}});
}

void BatchRowModel::setRows(const QList<std::pair<int, BatchRow>>& changes)
{
    int first = int(m_rows.size()), last = -1;
    for (const auto& [index, row] : changes) {
        if (index < 0 || index >= m_rows.size())
            continue;
        store(index, row);
        first = std::min(first, index);
        last = std::max(last, index);
    }
    if (last < 0)
        return;
    emit dataChanged(this->index(first, 0), this->index(last, ColumnCount - 1));
    emit countsChanged();
}

int BatchRowModel::finished() const
{
    return count(JobState::Done) + count(JobState::Skipped) + count(JobState::Failed) + count(JobState::Unconfirmed);
}

int BatchRowModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BatchRowModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BatchRowModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const BatchRow& r = m_rows[index.row()];
    if (role == Qt::ToolTipRole && index.column() == Message)
        return r.message;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Line:
        return r.line;
    case Slug:
        return r.spec.slug;
    case Model:
        return r.inputError.isEmpty() ? toString(r.spec.model) : QString();
    case Shard:
        return r.spec.automaticShard() ? tr("automatic") : r.spec.shard;
    case State:
        return BatchRow::stateName(r.state);
    case Message:
        return r.message.section(u'\n', 0, 0);
    default:
        return {};
    }
}

QVariant BatchRowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Line:
        return tr("Line");
    case Slug:
        return tr("Slug");
    case Model:
        return tr("Model");
    case Shard:
        return tr("Shard");
    case State:
        return tr("State");
    case Message:
        return tr("Result");
    default:
        return {};
    }
}
