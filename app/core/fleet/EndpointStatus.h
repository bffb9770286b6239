#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

// The health of one endpoint as one probe saw it (EndpointProbe, FleetProber).
struct EndpointStatus {
    bool reachable = false;
    QString error;            // why not, when unreachable: libpq's or the server's message
    bool inRecovery = false;  // a replica (or a primary still recovering)
    QString serverVersion;    // "15.4"
    qint64 databaseBytes = 0; // the shard's tenant database (database tenants' own are not in it)
    // Seconds the replica's replay is behind what it last received from the primary's clock:
    // 0 on a primary and on a replica that has replayed everything it received; nullopt when
    // the replica cannot tell (nothing replayed yet).
    std::optional<double> lagSeconds;
    double connectMs = 0;
    double roundTripMs = 0; // the probe query, sent to answered
    QDateTime probedAt;     // UTC
};

Q_DECLARE_METATYPE(EndpointStatus)
