#include "pg/AdvisoryLock.h"

#include "pg/SqlResource.h"

QString AdvisoryLock::statement(Mode mode)
{
    return SqlResource::text(mode == Wait ? "pg/advisory_lock.sql" : "pg/advisory_try_lock.sql");
}

AdvisoryLock::AdvisoryLock(PgConnection& connection, QString key, Mode mode)
    : m_connection(connection)
    , m_key(std::move(key))
{
    if (mode == Wait) {
        m_connection.exec(statement(Wait), {m_key});
        m_held = true;
        m_session = m_connection.backendPid();
    } else {
        tryTake();
    }
}

bool AdvisoryLock::tryTake()
{
    m_held = m_connection.exec(statement(Try), {m_key}).toBool(0, 0);
    m_session = m_connection.backendPid();
    return m_held;
}

AdvisoryLock::~AdvisoryLock()
{
    // A session that was lost took the lock with it; the connection may be open again since.
    if (!m_held || !m_connection.isOpen() || m_connection.backendPid() != m_session)
        return;
    try {
        m_connection.exec(SqlResource::text("pg/advisory_unlock.sql"), {m_key});
    } catch (const PgError&) {
        // The connection broke: the server released the lock with the session.
    }
}
