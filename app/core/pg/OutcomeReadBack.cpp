#include "pg/OutcomeReadBack.h"

#include "pg/SqlResource.h"

void OutcomeReadBack::settle(PgConnection& connection)
{
    const int lostPid = connection.backendPid();
    const ConnectionParams params = connection.params();
    connection.open(params);
    if (lostPid <= 0 || lostPid == connection.backendPid())
        return;
    // A session that ended by itself meanwhile is simply gone (no row, or a warning and false).
    const QString stillThere = SqlResource::text("pg/session_alive.sql");
    if (!connection.exec(stillThere, {lostPid}).toBool(0, 0))
        return;
    connection.exec(SqlResource::text("pg/session_end.sql"), {lostPid, EndTimeoutMs});
    if (connection.exec(stillThere, {lostPid}).toBool(0, 0))
        throw PgError(PgError::Kind::Connection,
                      QStringLiteral("the server session that sent the COMMIT (pid %1) is still running").arg(lostPid));
}
