#include "pg/AdvisoryLock.h"

#include "base/InputError.h"
#include "pg/SqlResource.h"

QString AdvisoryLock::statement(Mode mode)
{
    return SqlResource::text(mode == Wait ? "pg/advisory_lock.sql" : "pg/advisory_try_lock.sql");
}

AdvisoryLock::AdvisoryLock(PgConnection& connection, QString key, Mode mode)
    : m_connection(connection)
    , m_key(std::move(key))
{
    // Through a transaction-pooling PgBouncer the lock would stay on whichever server connection
    // took it, held by nobody and released never: such locks are taken on the catalog instead.
    if (m_connection.isPooled())
        throw InputError(QStringLiteral("%1 pools transactions, where a session lock cannot be held: connect to it "
                                        "directly (without PgBouncer) for this.")
                             .arg(m_connection.params().toDisplayString()));
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
