#pragma once

#include "pg/PgResult.h"
#include "rows/PageRequest.h"

#include <QByteArray>
#include <QVector>

#include <vector>

// Rows of one keyset page in libpq's text form, compact: every cell's bytes in one buffer with
// an offset table and a null bit, so a page of 200 rows is three allocations. Built on the
// worker thread, moved whole to the GUI thread. Also carries the ordering values of its first
// and last row, the anchors of the pages before and after it.
//
// A page is bounded by bytes as well as rows: it takes the result's rows in the order they were
// read until its values reach maxBytes, so a page of wide rows never grows past maxBytes plus one
// row (and always holds one row, so that paging advances). Such a page is cut short: the rows it
// left out follow it, and the next page starts after its last key.
class BrowsePage {
public:
    // How a result's rows stand to the page's anchor, which decides the rows kept when the
    // byte budget cuts the page: always those nearest the anchor, so that no row is skipped.
    enum class Read {
        Forward,       // in order, from the anchor on
        Backward,      // in reverse order, from the anchor back (a keyset page before it): flipped
        EndingAtAnchor // in order, up to the anchor (a page by position before it)
    };

    BrowsePage() = default;
    // The first columnCount columns of result, within maxBytes, in the relation's order.
    BrowsePage(const PgResult& result, int columnCount, Read read, qsizetype maxBytes = PageRequest::DefaultMaxBytes);

    int rowCount() const { return m_rows; }
    int columnCount() const { return m_columns; }
    bool isEmpty() const { return m_rows == 0; }
    // The byte budget ended the page before the result did: more rows follow in its direction.
    bool isCutShort() const { return m_cutShort; }

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
    bool m_cutShort = false;
    QByteArray m_data;
    QVector<qsizetype> m_offsets; // rows * columns + 1; 64-bit: one row alone may pass 2 GiB
    std::vector<bool> m_null;
    RowKey m_firstKey;
    RowKey m_lastKey;
};
