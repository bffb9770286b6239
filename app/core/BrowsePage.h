#pragma once

#include "PageRequest.h"
#include "PgResult.h"

#include <QByteArray>
#include <QVector>

#include <vector>

// Rows of one keyset page in libpq's text form, compact: every cell's bytes in one buffer with
// an offset table and a null bit, so a page of 200 rows is three allocations. Built on the
// worker thread, moved whole to the GUI thread. Also carries the ordering values of its first
// and last row, the anchors of the pages before and after it.
class BrowsePage {
public:
    BrowsePage() = default;
    // The first columnCount columns of result; reversed when the query read backwards.
    BrowsePage(const PgResult& result, int columnCount, bool reversed);

    int rowCount() const { return m_rows; }
    int columnCount() const { return m_columns; }
    bool isEmpty() const { return m_rows == 0; }

    bool isNull(int row, int column) const { return m_null[size_t(cellIndex(row, column))]; }
    QByteArrayView bytes(int row, int column) const
    {
        const int i = cellIndex(row, column);
        return QByteArrayView(m_data.constData() + m_offsets[i], m_offsets[i + 1] - m_offsets[i]);
    }
    QString text(int row, int column) const { return QString::fromUtf8(bytes(row, column)); }

    const RowKey& firstKey() const { return m_firstKey; }
    const RowKey& lastKey() const { return m_lastKey; }
    void setKeys(RowKey first, RowKey last)
    {
        m_firstKey = std::move(first);
        m_lastKey = std::move(last);
    }

    qsizetype memoryBytes() const;

private:
    int cellIndex(int row, int column) const { return row * m_columns + column; }

    int m_rows = 0;
    int m_columns = 0;
    QByteArray m_data;
    QVector<qint32> m_offsets;  // rows * columns + 1
    std::vector<bool> m_null;
    RowKey m_firstKey;
    RowKey m_lastKey;
};
