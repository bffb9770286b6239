#include "pg/PgResult.h"

#include <charconv>

PgResult& PgResult::operator=(PgResult&& other) noexcept
{
    if (this != &other) {
        if (m_result)
            PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
    }
    return *this;
}

PgResult::~PgResult()
{
    if (m_result)
        PQclear(m_result);
}

QString PgResult::text(int row, int column) const
{
    return QString::fromUtf8(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

QByteArrayView PgResult::bytes(int row, int column) const
{
    return QByteArrayView(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

qint64 PgResult::toInt(int row, int column, qint64 fallback) const
{
    if (isNull(row, column))
        return fallback;
    const QByteArrayView v = bytes(row, column);
    qint64 value = fallback;
    const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
    return ec == std::errc() ? value : fallback;
}

double PgResult::toDouble(int row, int column, double fallback) const
{
    if (isNull(row, column))
        return fallback;
    bool ok = false;
    const double value = bytes(row, column).toByteArray().toDouble(&ok);
    return ok ? value : fallback;
}

bool PgResult::toBool(int row, int column) const
{
    return !isNull(row, column) && PQgetvalue(m_result, row, column)[0] == 't';
}

qint64 PgResult::affectedRows() const
{
    const char* tuples = PQcmdTuples(m_result);
    return (tuples && *tuples) ? QByteArray(tuples).toLongLong() : 0;
}
