#pragma once

#include <QByteArrayView>
#include <QString>

#include <libpq-fe.h>

// Owns one PGresult. Move-only; values are read in libpq's text format.
class PgResult {
public:
    PgResult() = default;
    explicit PgResult(PGresult* result)
        : m_result(result)
    {
    }
    PgResult(PgResult&& other) noexcept
        : m_result(std::exchange(other.m_result, nullptr))
    {
    }
    PgResult& operator=(PgResult&& other) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;
    ~PgResult();

    int rows() const { return m_result ? PQntuples(m_result) : 0; }
    int columns() const { return m_result ? PQnfields(m_result) : 0; }
    QString columnName(int column) const { return QString::fromUtf8(PQfname(m_result, column)); }
    int columnIndex(const char* name) const { return PQfnumber(m_result, name); }
    Oid columnType(int column) const { return PQftype(m_result, column); }

    bool isNull(int row, int column) const { return PQgetisnull(m_result, row, column); }
    QString text(int row, int column) const;
    QByteArrayView bytes(int row, int column) const;
    qint64 toInt(int row, int column, qint64 fallback = 0) const;
    double toDouble(int row, int column, double fallback = 0) const;
    bool toBool(int row, int column) const;

    // Rows affected by INSERT/UPDATE/DELETE.
    qint64 affectedRows() const;
    PGresult* raw() const { return m_result; }

private:
    PGresult* m_result = nullptr;
};
