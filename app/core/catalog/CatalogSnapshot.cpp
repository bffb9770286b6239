#include "catalog/CatalogSnapshot.h"

#include "catalog/CatalogGate.h"

CatalogSnapshot::CatalogSnapshot(PgConnection& connection)
    : m_connection(connection)
    , m_owner(!connection.inTransaction())
{
    // One round trip: the simple-query protocol runs both statements, and BEGIN outlives the string.
    if (!m_owner)
        return;
    m_connection.execScript(QStringLiteral(
        "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL search_path = pg_catalog"));
    try {
        CatalogGate::require(m_connection, CatalogGate::Access::Read);
    } catch (...) {
        end();
        throw;
    }
}

CatalogSnapshot::~CatalogSnapshot()
{
    if (m_owner)
        end();
}

void CatalogSnapshot::end()
{
    try {
        m_connection.execScript(QStringLiteral("ROLLBACK"));
    } catch (const PgError&) {
        // Nothing was written, and a lost connection has already been reported by the read that failed.
    }
}
