#pragma once

#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"

#include <QHash>

#include <chrono>
#include <vector>

#include "pg/PgResult.h"

// Turns what one endpoint's statements return into samples: rates from the counters of the
// previous sample on the same connection, the schema tenants every few ticks, the sizes rarely
// (and carried on in between). Knows nothing of how the statements travel: the blocking
// EndpointSampler and the poller's non-blocking PolledEndpoint both feed it. Not thread-safe.
class SampleReader {
public:
    static constexpr int defaultTenantsEvery = 10; // 20 s at the default interval
    static constexpr int defaultSizesEvery = 300;  // 10 minutes

    // The statements a tick runs after the tick statement.
    struct Tick {
        bool tenants = false;
        bool sizes = false;
        int statements() const { return 1 + int(tenants) + int(sizes); }
    };

    explicit SampleReader(MetricTarget target);

    const MetricTarget& target() const { return m_target; }
    // The same endpoint with other tenants (the catalog changed): the counters stay.
    void setTarget(MetricTarget target);
    // Schema tenants every `ticks` samples, and in the first two so that their rates come at once.
    void setTenantsEvery(int ticks) { m_tenantsEvery = qMax(1, ticks); }
    // Database sizes every `ticks` samples, and in the first.
    void setSizesEvery(int ticks) { m_sizesEvery = qMax(1, ticks); }

    // A new connection: no previous counters; the next ticks measure the tenants and the sizes.
    void restart();
    // What the next tick runs (and counts it).
    Tick nextTick();
    // The sample of a tick from the results of its statements, in order (the tick statement,
    // then the tenants and the sizes when it ran them); each ran in a transaction of its own.
    MetricSample read(Tick tick, const std::vector<PgResult>& results);
    // The endpoint down, for error (one line: a cell of the dashboard, a line of `tenantctl top`).
    MetricSample down(const QString& error) const;

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

    void readTick(const PgResult& result, Clock::time_point at, MetricSample& sample);
    void readTenants(const PgResult& result, Clock::time_point at, MetricSample& sample);
    void readSizes(const PgResult& result);
    // The last sizes measured, on the databases and database tenants of the sample.
    void addSizes(MetricSample& sample);
    // The entry of a tenant in the sample being built, added on first use.
    MetricSample::Tenant& tenantEntry(MetricSample& sample, const MetricTenant& tenant);

    MetricTarget m_target;
    int m_tenantsEvery = defaultTenantsEvery;
    int m_sizesEvery = defaultSizesEvery;
    int m_tick = 0; // since connecting
    // Where each tenant's figures come from: schema or database name -> index in m_target.tenants.
    QHash<QString, int> m_schemaTenants;
    QHash<QString, int> m_databaseTenants;
    QHash<QString, qsizetype> m_tenantEntries; // slug -> index in the tenants of the sample being built

    QHash<QString, Counters> m_previousDatabases; // empty before the first tick
    Clock::time_point m_previousAt;
    // Our own statements since the previous tick read the counters: transactions in the tenant
    // database that are ours, not the fleet's (every statement flushes our statistics as it ends).
    int m_ownStatements = 0;
    QHash<QString, TupleCounters> m_previousSchemas;
    Clock::time_point m_previousTenantsAt;
    bool m_hasPreviousTenants = false;
    QHash<QString, qint64> m_sizes; // by database, from the last sizes statement
    qint64 m_sizesAtMs = 0;
};
