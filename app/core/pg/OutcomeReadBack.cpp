#include "pg/OutcomeReadBack.h"

#include "pg/SqlResource.h"

#include <QDeadlineTimer>
#include <QThread>

namespace {

constexpr int PollMs = 50;

} // namespace

void OutcomeReadBack::settle(PgConnection& connection)
{
    const int lostPid = connection.backendPid();
    const qint64 lostXid = connection.lostCommitXid();
    const bool pooled = connection.isPooled();
    const ConnectionParams params = connection.params();
    connection.open(params);
    if (lostXid > 0)
        endTransaction(connection, lostXid);
    // The session outlives its transaction until the server notices the lost client, holding its
    // session-level advisory locks (a tenant's lock): end it too. Behind PgBouncer the pid is the
    // pooler's, never a server session's, and no session lock is taken there.
    if (!pooled && lostPid > 0 && lostPid != connection.backendPid())
        endSession(connection, lostPid);
}

bool OutcomeReadBack::committed(PgConnection& connection)
{
    const qint64 lostXid = connection.lostCommitXid();
    settle(connection);
    if (lostXid == 0)
        return false; // it wrote nothing: nothing of it can have taken effect
    const QString now = status(connection, lostXid);
    if (now.isEmpty())
        throw PgError(PgError::Kind::Connection,
                      QStringLiteral("the server no longer knows the transaction %1").arg(lostXid));
    return now == QLatin1String("committed");
}

QString OutcomeReadBack::status(PgConnection& connection, qint64 xid)
{
    return connection.exec(SqlResource::text("pg/transaction_status.sql"), {xid}).text(0, 0);
}

void OutcomeReadBack::endTransaction(PgConnection& connection, qint64 xid)
{
    const QDeadlineTimer deadline(EndTimeoutMs);
    bool asked = false;
    while (status(connection, xid) == QLatin1String("in progress")) {
        if (deadline.hasExpired())
            throw PgError(
                PgError::Kind::Connection,
                QStringLiteral("the server session that sent the COMMIT (transaction %1) is still running").arg(xid));
        if (!asked) {
            // The session holding it went quiet (a half-open connection): end it, which finishes a
            // COMMIT past its commit record and rolls back one before it.
            connection.exec(SqlResource::text("pg/transaction_end.sql"), {xid, EndTimeoutMs});
            asked = true;
        } else {
            QThread::msleep(PollMs);
        }
    }
}

void OutcomeReadBack::endSession(PgConnection& connection, int pid)
{
    // A session that ended by itself meanwhile is simply gone (no row, or a warning and false).
    const QString stillThere = SqlResource::text("pg/session_alive.sql");
    if (!connection.exec(stillThere, {pid}).toBool(0, 0))
        return;
    connection.exec(SqlResource::text("pg/session_end.sql"), {pid, EndTimeoutMs});
    if (connection.exec(stillThere, {pid}).toBool(0, 0))
        throw PgError(PgError::Kind::Connection,
                      QStringLiteral("the server session that sent the COMMIT (pid %1) is still running").arg(pid));
}
