#include "BatchRowModel.h"

BatchRowModel::BatchRowModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void BatchRowModel::setRows(QList<BatchRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    emit countsChanged();
}

void BatchRowModel::setRow(int index, const BatchRow& row)
{
    if (index < 0 || index >= m_rows.size())
        return;
    m_rows[index] = row;
    emit dataChanged(this->index(index, 0), this->index(index, ColumnCount - 1));
    emit countsChanged();
}

int BatchRowModel::count(BatchRow::State state, bool retriableOnly) const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [&](const BatchRow& r) {
        return r.state == state && (!retriableOnly || r.inputError.isEmpty());
    }));
}

int BatchRowModel::finished() const
{
    return count(BatchRow::State::Created) + count(BatchRow::State::Skipped) + count(BatchRow::State::Failed);
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
