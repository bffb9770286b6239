#include "EndpointProbe.h"

#include "PgConnection.h"
#include "SqlResource.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>

#ifdef _WIN32
#include <winsock2.h>
#else
#include <cerrno>
#include <poll.h>
#endif

namespace {

bool waitReadable(int socket, const QDeadlineTimer& deadline)
{
#ifdef _WIN32
    WSAPOLLFD fd{SOCKET(socket), POLLRDNORM, 0};
    return WSAPoll(&fd, 1, int(deadline.remainingTime())) > 0;
#else
    pollfd fd{socket, POLLIN, 0};
    int ready;
    do {
        ready = poll(&fd, 1, int(deadline.remainingTime()));
    } while (ready < 0 && errno == EINTR);
    return ready > 0;
#endif
}

PgError libpqError(PgError::Kind kind, const char* message)
{
    return PgError(kind, QString::fromUtf8(message));
}

// Runs sql, waiting for the answer until deadline at most. statement_timeout cannot stop a
// server that no longer answers at all (stopped, or half-open behind a firewall), and TCP
// keepalives take far longer to notice; this bound is the probe's own.
PgResult execBefore(PgConnection& connection, const QString& sql, const QDeadlineTimer& deadline)
{
    PGconn* conn = connection.raw();
    if (!PQsendQuery(conn, sql.toUtf8().constData()))
        throw libpqError(PgError::Kind::Connection, PQerrorMessage(conn));
    while (PQisBusy(conn)) {
        if (!waitReadable(PQsocket(conn), deadline))
            throw PgError(PgError::Kind::Timeout,
                          QStringLiteral("The server accepted the connection but did not answer within %1 s.")
                              .arg(EndpointProbe::QueryTimeoutMs / 1000.0));
        if (!PQconsumeInput(conn))
            throw libpqError(PgError::Kind::Connection, PQerrorMessage(conn));
    }
    PgResult result(PQgetResult(conn));
    while (PGresult* rest = PQgetResult(conn))
        PQclear(rest);
    if (PQresultStatus(result.raw()) != PGRES_TUPLES_OK)
        throw libpqError(PgError::Kind::Query, PQresultErrorMessage(result.raw()));
    return result;
}

ConnectionParams probeParams(const ConnectionParams& base, const QString& host, int port,
                             const QString& dbname)
{
    ConnectionParams params = base.withEndpoint(host, port, dbname);
    params.set("connect_timeout", QString::number(EndpointProbe::ConnectTimeoutSeconds));
    params = params.withSafeDefaults(EndpointProbe::QueryTimeoutMs);
    // The probe query names built-ins unqualified; nothing on the endpoint may shadow them.
    const QString options = params.value("options");
    params.set("options", (options.isEmpty() ? QString() : options + u' ') +
                              QStringLiteral("-c search_path=pg_catalog"));
    return params;
}

}  // namespace

EndpointStatus EndpointProbe::probe(const ConnectionParams& base, const QString& host, int port,
                                    const QString& dbname)
{
    EndpointStatus status;
    status.probedAt = QDateTime::currentDateTimeUtc();
    QElapsedTimer timer;
    timer.start();
    try {
        PgConnection connection;
        connection.open(probeParams(base, host, port, dbname));
        status.connectMs = double(timer.nsecsElapsed()) / 1e6;

        timer.restart();
        const PgResult r = execBefore(connection, SqlResource::text("catalog_queries/endpoint_probe.sql"),
                                      QDeadlineTimer(QueryTimeoutMs));
        status.roundTripMs = double(timer.nsecsElapsed()) / 1e6;
        status.reachable = true;
        status.inRecovery = r.toBool(0, 0);
        status.serverVersion = r.text(0, 1);
        status.databaseBytes = r.toInt(0, 2);
        if (!r.isNull(0, 3))
            status.lagSeconds = r.toDouble(0, 3);
    } catch (const PgError& e) {
        status.reachable = false;
        status.error = e.fullText();
    }
    return status;
}
