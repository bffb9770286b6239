#include "BrowsePage.h"

BrowsePage::BrowsePage(const PgResult& result, int columnCount, bool reversed)
    : m_rows(result.rows())
    , m_columns(columnCount)
{
    qsizetype bytes = 0;
    for (int row = 0; row < m_rows; ++row) {
        for (int column = 0; column < m_columns; ++column)
            bytes += result.bytes(row, column).size();
    }
    m_data.reserve(bytes);
    m_offsets.reserve(m_rows * m_columns + 1);
    m_null.reserve(size_t(m_rows * m_columns));
    for (int i = 0; i < m_rows; ++i) {
        const int row = reversed ? m_rows - 1 - i : i;
        for (int column = 0; column < m_columns; ++column) {
            m_offsets.append(qint32(m_data.size()));
            m_null.push_back(result.isNull(row, column));
            m_data.append(result.bytes(row, column));
        }
    }
    m_offsets.append(qint32(m_data.size()));
}

qsizetype BrowsePage::memoryBytes() const
{
    return m_data.capacity() + m_offsets.capacity() * qsizetype(sizeof(qint32)) + qsizetype(m_null.capacity() / 8)
        + qsizetype(sizeof(*this));
}
