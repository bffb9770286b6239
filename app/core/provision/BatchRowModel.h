#pragma once

#include "provision/BatchRow.h"

#include <QAbstractTableModel>
#include <QList>
#include <array>
#include <utility>

// The rows of a batch (BatchRow) as a table: line, slug, model, shard, state, message. Lives on
// the GUI thread; BatchProvisioner's reports reach it one at a time (setRow), and the views
// repaint once per pass of the event loop whatever changed meanwhile. Counts by state are kept as
// rows change, never recounted.
class BatchRowModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Line, Slug, Model, Shard, State, Message, ColumnCount };

    explicit BatchRowModel(QObject* parent = nullptr);

    void setRows(QList<BatchRow> rows);
    void setRow(int index, const BatchRow& row);
    // Several changed rows (index, row) at once: one dataChanged, one countsChanged.
    void setRows(const QList<std::pair<int, BatchRow>>& changes);
    const QList<BatchRow>& rows() const { return m_rows; }
    // Rows in a state; failed rows that another try may create (no input error); rows that are
    // finished (created, skipped or failed).
    int count(JobState state) const { return m_counts[size_t(state)]; }
    int retriable() const { return m_retriable; }
    int finished() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void countsChanged();

private:
    // Stores a row without telling the views.
    void store(int index, const BatchRow& row);

    QList<BatchRow> m_rows;
    std::array<int, size_t(JobState::Unconfirmed) + 1> m_counts{}; // by JobState
    int m_retriable = 0;                                           // failed rows without an input error
};
