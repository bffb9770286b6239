#pragma once

#include "pg/PgConnection.h"

// Raw libpq on the catalog query the tenant list uses: the floors the tenant benchmarks are
// measured against, on a connection of the same kind as the GUI's.
class LibpqFloor {
public:
    explicit LibpqFloor(const ConnectionParams& catalog);

    // Milliseconds to run the tenant list query for limit rows (-1: all) with PQexecParams and
    // read every value of the result.
    double fetchMs(int limit);

private:
    PgConnection m_connection;
};
