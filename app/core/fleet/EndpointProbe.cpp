#include "fleet/EndpointProbe.h"

#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QElapsedTimer>

namespace {

ConnectionParams probeParams(const ConnectionParams& base, const QString& host, int port, const QString& dbname,
                             Pooling pooling)
{
    ConnectionParams params = base.withEndpoint(host, port, dbname, pooling);
    params.set("connect_timeout", QString::number(EndpointProbe::ConnectTimeoutSeconds));
    params = params.withSafeDefaults(EndpointProbe::QueryTimeoutMs);
    // The probe query names built-ins unqualified; nothing on the endpoint may shadow them.
    const QString options = params.value("options");
    params.set("options",
               (options.isEmpty() ? QString() : options + u' ') + QStringLiteral("-c search_path=pg_catalog"));
    return params;
}

} // namespace

EndpointStatus EndpointProbe::probe(const ConnectionParams& base, const QString& host, int port, const QString& dbname,
                                    Pooling pooling)
{
    EndpointStatus status;
    status.probedAt = QDateTime::currentDateTimeUtc();
    QElapsedTimer timer;
    timer.start();
    try {
        PgConnection connection;
        connection.open(probeParams(base, host, port, dbname, pooling));
        status.connectMs = double(timer.nsecsElapsed()) / 1e6;

        timer.restart();
        // The probe's own bound, tighter than statement_timeout + the usual margin.
        connection.setReplyTimeout(QueryTimeoutMs);
        const PgResult r = connection.exec(SqlResource::text("catalog_queries/endpoint_probe.sql"));
        status.roundTripMs = double(timer.nsecsElapsed()) / 1e6;
        status.reachable = true;
        status.inRecovery = r.toBool(0, 0);
        status.serverVersion = r.text(0, 1);
        status.databaseBytes = r.toInt(0, 2);
        if (!r.isNull(0, 3))
            status.lagSeconds = r.toDouble(0, 3);
    } catch (const PgError& e) {
        status.reachable = false;
        status.error = e.text();
    }
    return status;
}
