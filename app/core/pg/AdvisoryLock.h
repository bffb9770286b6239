#pragma once

#include "pg/PgConnection.h"

#include <QString>

// A session-level advisory lock on pg_catalog.hashtext(key), released when this goes (or, should
// the process die, when its connection does: a crash never leaves a lock behind). Held across
// transactions, unlike pg_advisory_xact_lock: provisioning a tenant spans several.
class AdvisoryLock {
public:
    enum Mode { Wait, Try };

    // Throws PgError when the connection fails; with Try, held() says whether it was free.
    // Throws PgError(Usage) on a pooled connection (PgConnection::isPooled()).
    AdvisoryLock(PgConnection& connection, QString key, Mode mode);
    ~AdvisoryLock();
    AdvisoryLock(const AdvisoryLock&) = delete;
    AdvisoryLock& operator=(const AdvisoryLock&) = delete;

    // The statement that takes the lock on key $1 in mode (what a plan shows it runs).
    static QString statement(Mode mode);

    bool held() const { return m_held; }
    // Takes the lock when it is free, and says whether it is held. Called again after the
    // connection was lost and opened again: the server released the lock with the old session.
    bool tryTake();

private:
    PgConnection& m_connection;
    QString m_key;
    bool m_held = false;
    int m_session = 0; // the backendPid() of the session that holds it
};
