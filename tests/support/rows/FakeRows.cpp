#include "FakeRows.h"

#include <QVector>

PgResult FakeRows::result(const QStringList& columnNames, const QList<QList<Cell>>& rows)
{
    PGresult* r = PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK);
    QList<QByteArray> names;
    QVector<PGresAttDesc> attributes(columnNames.size());
    for (int i = 0; i < columnNames.size(); ++i) {
        names << columnNames[i].toUtf8();
        attributes[i] = PGresAttDesc{names[i].data(), 0, 0, 0, 25, -1, -1};
    }
    PQsetResultAttrs(r, int(attributes.size()), attributes.data());
    for (int row = 0; row < rows.size(); ++row) {
        for (int column = 0; column < rows[row].size(); ++column) {
            const Cell& cell = rows[row][column];
            if (cell)
                PQsetvalue(r, row, column, const_cast<char*>(cell->constData()), int(cell->size()));
            else
                PQsetvalue(r, row, column, nullptr, -1);
        }
    }
    return PgResult(r);
}

BrowsePage FakeRows::page(qint64 first, int count)
{
    QList<QList<Cell>> rows;
    for (qint64 id = first; id < first + count; ++id)
        rows << QList<Cell>{QByteArray::number(id), QByteArray("row ") + QByteArray::number(id)};
    BrowsePage page(result({QStringLiteral("id"), QStringLiteral("name")}, rows), 2, BrowsePage::Read::Forward);
    if (count > 0)
        page.setKeys({QByteArray::number(first)}, {QByteArray::number(first + count - 1)});
    return page;
}
