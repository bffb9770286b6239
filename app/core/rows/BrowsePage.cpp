#include "rows/BrowsePage.h"

BrowsePage::BrowsePage(const PgResult& result, int columnCount, Read read, qsizetype maxBytes)
    : m_columns(columnCount)
{
    const int available = result.rows();
    // Result rows in the order of their distance from the anchor.
    auto resultRow = [&](int nearness) { return read == Read::EndingAtAnchor ? available - 1 - nearness : nearness; };
    qsizetype bytes = 0;
    while (m_rows < available && (m_rows == 0 || bytes < maxBytes)) {
        for (int column = 0; column < m_columns; ++column)
            bytes += result.bytes(resultRow(m_rows), column).size();
        ++m_rows;
    }
    m_cutShort = m_rows < available;
    m_data.reserve(bytes);
    m_offsets.reserve(m_rows * m_columns + 1);
    m_null.reserve(size_t(m_rows * m_columns));
    // Page row i in the relation's order: forward reads keep it; the others count from the anchor.
    const int firstKept = read == Read::EndingAtAnchor ? available - m_rows : 0;
    for (int i = 0; i < m_rows; ++i) {
        const int row = read == Read::Backward ? m_rows - 1 - i : firstKept + i;
        for (int column = 0; column < m_columns; ++column) {
            m_offsets.append(m_data.size());
            m_null.push_back(result.isNull(row, column));
            m_data.append(result.bytes(row, column));
        }
    }
    m_offsets.append(m_data.size());
}

qsizetype BrowsePage::memoryBytes() const
{
    return m_data.capacity() + m_offsets.capacity() * qsizetype(sizeof(qsizetype)) + qsizetype(m_null.capacity() / 8)
           + qsizetype(sizeof(*this));
}
