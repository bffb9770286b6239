#pragma once

#include "catalog/TenantEnums.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <array>

// What one endpoint reported at one moment: a plain value that crosses threads. Rates are per
// second over the time measured between this sample and the previous one of the same
// connection; the first sample after (re)connecting has none (hasRates false).
struct MetricSample {
    // The figures that are charted and kept in the history, by index.
    enum class Figure {
        Tps,
        Connections,
        LockWaits,
        LagSeconds,
        LagBytes,
        CacheHitRatio,
        TuplesReadPerSec,
        TuplesWrittenPerSec,
        TempBytesPerSec,
        Deadlocks,
        OldestXactSeconds
    };
    static constexpr int FigureCount = 11;
    // Snake-case names, as in the JSON of `tenantctl sample` and the history columns.
    static QString figureName(Figure figure);
    // Whether a figure is a rate, absent from a sample without rates.
    static bool isRate(Figure figure);

    struct ConnectionState {
        QString state; // active, idle, idle in transaction, ...
        int count = 0;
    };

    struct Database {
        QString name;
        double tps = 0;
        double tuplesReadPerSec = 0;
        double tuplesWrittenPerSec = 0;
        qint64 sizeBytes = -1; // -1: not measured (yet), or no CONNECT privilege
    };

    struct Tenant {
        QString slug;
        IsolationModel model = IsolationModel::Schema;
        // Shared-table tenants are not: PostgreSQL counts tuples per table, and their rows share
        // tables with every other shared tenant of the shard. pg_stat_statements cannot tell
        // them apart either: it groups by statement text, user and database, and the tenant is a
        // bound parameter or a session setting, which it never records.
        bool measurable = true;
        bool hasRates = false; // false: only its size was measured in this sample
        double tuplesReadPerSec = 0;
        double tuplesWrittenPerSec = 0;
        qint64 sizeBytes = -1; // database tenants, once sizes were measured
    };

    int endpointId = 0;
    qint64 timestampMs = 0; // wall clock, milliseconds since the epoch (UTC)
    bool up = false;
    QString error; // why the endpoint is down

    bool inRecovery = false; // a replica, whatever the catalog says
    bool hasRates = false;
    double elapsedSeconds = 0; // between the counters of this sample and of the previous one

    double tps = 0;
    QList<ConnectionState> connectionsByState;
    int connections = 0;      // client connections, ours excluded
    int lockWaits = 0;        // locks not granted
    double cacheHitRatio = 1; // over the interval; over the server's life when the interval read nothing
    double tuplesReadPerSec = 0;
    double tuplesWrittenPerSec = 0;
    double tempBytesPerSec = 0;
    qint64 deadlocks = 0; // since the previous sample
    qint64 lagBytes = 0;  // replica: received, not replayed; primary: its furthest replica
    double lagSeconds = 0;
    int streamingReplicas = 0;    // on a primary
    double oldestXactSeconds = 0; // age of the oldest running transaction, 0 when none

    // Schema tenants are measured every few ticks (EndpointSampler::setTenantsEvery), with the
    // shared-table tenants listed as not measurable; database tenants are in every sample.
    bool hasSchemaTenants = false;
    // Sizes are measured rarely (EndpointSampler::setSizesEvery); every sample carries the last.
    qint64 sizesAtMs = 0; // when they were measured; 0: not yet
    qint64 totalSizeBytes = -1;
    QList<Database> databases;
    QList<Tenant> tenants;

    // A charted figure; NaN when it is a rate and this sample has none.
    double figure(Figure figure) const;

    static MetricSample down(int endpointId, qint64 timestampMs, QString error);
};

Q_DECLARE_METATYPE(MetricSample)
