#pragma once

#include "pg/PgResult.h"
#include "rows/BrowsePage.h"

#include <QByteArray>
#include <QList>

#include <optional>

// Query results made on the client with libpq (PQmakeEmptyPGresult, PQsetvalue), so that unit
// tests of pages, caches, models and writers need no server.
class FakeRows {
public:
    using Cell = std::optional<QByteArray>; // nullopt: NULL

    static PgResult result(const QStringList& columnNames, const QList<QList<Cell>>& rows);
    // Rows first, first + 1, ... (count of them) of an imaginary table (id bigint, name text),
    // name "row <id>", in that order or reversed as a backward keyset query returns them; keys
    // set as KeysetPager sets them.
    static BrowsePage page(qint64 first, int count);
};
