#pragma once

#include "pg/ConnectionParams.h"
#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"
#include "pg/PgConnection.h"

#include <QHash>

#include <chrono>

// Samples one endpoint over a persistent connection: one prepared statement per tick; every few
// ticks a second one for the schema tenants, and rarely a third for the database sizes, whose
// cost grows with the number of tables and databases. Keeps the previous counters to turn them
// into rates, and the last sizes measured. Blocking: tenantctl calls it directly, the dashboard
// from one worker thread per endpoint (MetricsPoller). Not thread-safe, except cancel().
class EndpointSampler {
public:
    static constexpr int statementTimeoutMs = 2000;
    static constexpr int defaultTenantsEvery = 10;  // 20 s at the default interval
    static constexpr int defaultSizesEvery = 300;   // 10 minutes

    EndpointSampler(MetricTarget target, const ConnectionParams& base);

    // Connects first when needed. Never throws: a failure gives a sample that is not up, and the
    // next call reconnects if the connection was lost.
    MetricSample sample();
    // Interrupts a statement in progress. Safe from any thread.
    void cancel() { m_connection.cancel(); }

    // Schema tenants every `ticks` samples, and in the first two so that their rates come at once.
    void setTenantsEvery(int ticks) { m_tenantsEvery = qMax(1, ticks); }
    // Database sizes every `ticks` samples, and in the first.
    void setSizesEvery(int ticks) { m_sizesEvery = qMax(1, ticks); }
    const MetricTarget& target() const { return m_target; }

    // The catalog's authentication aimed at the endpoint's tenant database, with its own short
    // timeouts (replacing the catalog connection's) so that a dead endpoint shows within a tick or two.
    static ConnectionParams connectionParams(const ConnectionParams& base, const MetricTarget& target);
    // The statements, as prepared on the server (for benchmarks that time them there).
    static const QByteArray tickStatement;
    static const QByteArray tenantsStatement;
    static const QByteArray sizesStatement;

private:
    using Clock = std::chrono::steady_clock;
    struct Counters {
        qint64 xacts = 0;
        qint64 blocksHit = 0;
        qint64 blocksRead = 0;
        qint64 tuplesRead = 0;
        qint64 tuplesWritten = 0;
        qint64 tempBytes = 0;
        qint64 deadlocks = 0;
    };
    struct TupleCounters {
        qint64 read = 0;
        qint64 written = 0;
    };

    void connect();
    void readTick(const PgResult& result, Clock::time_point at, MetricSample& sample);
    void readTenants(const PgResult& result, Clock::time_point at, MetricSample& sample);
    void readSizes(const PgResult& result);
    // The last sizes measured, on the databases and database tenants of the sample.
    void addSizes(MetricSample& sample);
    // The entry of a tenant in the sample being built, added on first use.
    MetricSample::Tenant& tenantEntry(MetricSample& sample, const MetricTenant& tenant);

    MetricTarget m_target;
    ConnectionParams m_params;
    PgConnection m_connection;
    bool m_ready = false;  // connected, with the statements prepared
    int m_tenantsEvery = defaultTenantsEvery;
    int m_sizesEvery = defaultSizesEvery;
    int m_tick = 0;  // since connecting
    // Where each tenant's figures come from: schema or database name -> index in m_target.tenants.
    QHash<QString, int> m_schemaTenants;
    QHash<QString, int> m_databaseTenants;
    QHash<QString, qsizetype> m_tenantEntries;  // slug -> index in the tenants of the sample being built

    QHash<QString, Counters> m_previousDatabases;  // empty before the first tick
    Clock::time_point m_previousAt;
    // Our own statements since the previous tick read the counters: transactions in the tenant
    // database that are ours, not the fleet's (every statement flushes our statistics as it ends).
    int m_ownStatements = 0;
    QHash<QString, TupleCounters> m_previousSchemas;
    Clock::time_point m_previousTenantsAt;
    bool m_hasPreviousTenants = false;
    QHash<QString, qint64> m_sizes;  // by database, from the last sizes statement
    qint64 m_sizesAtMs = 0;
};
