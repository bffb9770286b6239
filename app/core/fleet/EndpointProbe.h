#pragma once

#include "fleet/EndpointStatus.h"
#include "pg/ConnectionParams.h"

// Checks one endpoint on a short-lived connection of its own: can it be reached, is it a
// replica, how big, how far behind. Blocks the calling thread for at most about
// ConnectTimeoutSeconds + QueryTimeoutMs (+ PgConnection::CancelGraceMs to cancel the query), even
// against a server that accepts and never answers;
// FleetProber runs many at once on a thread pool.
class EndpointProbe {
public:
    static constexpr int ConnectTimeoutSeconds = 3;
    static constexpr int QueryTimeoutMs = 5000;

    // Connects with base (the user, passfile and TLS settings of the catalog connection) aimed
    // at host:port/dbname. Never throws: failures come back as reachable = false with the reason.
    static EndpointStatus probe(const ConnectionParams& base, const QString& host, int port, const QString& dbname,
                                Pooling pooling = Pooling::None);
};
