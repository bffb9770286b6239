#include "catalog/CatalogSnapshot.h"

#include "catalog/CatalogGate.h"
#include "pg/LocalSettings.h"

CatalogSnapshot::CatalogSnapshot(PgConnection& connection)
    : m_connection(connection)
    , m_owner(!connection.inTransaction())
{
    // One round trip: the simple-query protocol runs both statements, and BEGIN outlives the string.
    if (!m_owner)
        return;
    m_connection.execScript(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;")
                            + LocalSettings::pinSearchPath());
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
    m_connection.rollback(); // nothing was written
}
