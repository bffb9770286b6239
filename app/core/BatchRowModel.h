#pragma once

#include "BatchRow.h"

#include <QAbstractTableModel>
#include <QList>

// The rows of a batch (BatchRow) as a table: line, slug, model, shard, state, message. Lives on
// the GUI thread; BatchProvisioner's reports reach it through setRow() queued from its workers.
class BatchRowModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Line, Slug, Model, Shard, State, Message, ColumnCount };

    explicit BatchRowModel(QObject* parent = nullptr);

    void setRows(QList<BatchRow> rows);
    void setRow(int index, const BatchRow& row);
    const QList<BatchRow>& rows() const { return m_rows; }
    // Rows in a state (retriableOnly: failed rows that another try may create), and rows that
    // are finished (created, skipped or failed).
    int count(BatchRow::State state, bool retriableOnly = false) const;
    int finished() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void countsChanged();

private:
    QList<BatchRow> m_rows;
};
