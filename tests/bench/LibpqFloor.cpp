#include "LibpqFloor.h"

#include "pg/SqlResource.h"

#include <QElapsedTimer>

LibpqFloor::LibpqFloor(const ConnectionParams& catalog)
{
    m_connection.open(catalog.withSafeDefaults());
}

double LibpqFloor::fetchMs(int limit)
{
    static const QByteArray sql = SqlResource::text(QStringLiteral("catalog_queries/tenants.sql")).toUtf8();
    const QByteArray limitText = QByteArray::number(limit);
    const char* const values[] = {limit < 0 ? nullptr : limitText.constData(), "0"};
    QElapsedTimer timer;
    timer.start();
    PgResult result(PQexecParams(m_connection.raw(), sql.constData(), 2, nullptr, values, nullptr, nullptr, 0));
    if (PQresultStatus(result.raw()) != PGRES_TUPLES_OK)
        throw PgError(PgError::Kind::Query, QString::fromUtf8(PQresultErrorMessage(result.raw())));
    // Every value read, as any decoder must: its length and its first byte.
    volatile qint64 sink = 0;
    const int rows = result.rows();
    const int columns = result.columns();
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column)
            sink = sink + PQgetlength(result.raw(), row, column) + PQgetvalue(result.raw(), row, column)[0];
    }
    return double(timer.nsecsElapsed()) / 1e6;
}
