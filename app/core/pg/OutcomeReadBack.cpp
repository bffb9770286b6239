#include "pg/OutcomeReadBack.h"

void OutcomeReadBack::settle(PgConnection& connection)
{
    const int lostPid = connection.backendPid();
    const ConnectionParams params = connection.params();
    connection.open(params);
    if (lostPid <= 0 || lostPid == connection.backendPid())
        return;
    // pg_terminate_backend with a timeout waits for the process to exit. A COMMIT past its commit
    // record completes first; one before it rolls back: either way the outcome is then final.
    // A session that ended by itself meanwhile is simply gone (no row, or a warning and false).
    const QString stillThere =
        QStringLiteral("SELECT EXISTS (SELECT FROM pg_catalog.pg_stat_activity WHERE pid = $1)");
    if (!connection.exec(stillThere, {lostPid}).toBool(0, 0))
        return;
    connection.exec(QStringLiteral("SELECT pg_catalog.pg_terminate_backend(pid, $2) "
                                   "FROM pg_catalog.pg_stat_activity WHERE pid = $1"),
                    {lostPid, EndTimeoutMs});
    if (connection.exec(stillThere, {lostPid}).toBool(0, 0))
        throw PgError(
            PgError::Kind::Connection,
            QStringLiteral("the server session that sent the COMMIT (pid %1) is still running").arg(lostPid));
}
