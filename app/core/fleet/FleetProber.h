#pragma once

#include "catalog/ShardInfo.h"
#include "fleet/EndpointStatus.h"
#include "pg/ConnectionParams.h"
#include "pg/Generation.h"
#include "pg/ParallelRunner.h"

#include <QList>
#include <QObject>

// Probes every endpoint of a fleet at once, from the GUI thread without blocking it: one
// EndpointProbe per endpoint, each on its own short-lived connection, on a ParallelRunner wide
// enough that a down or hanging endpoint delays nobody but itself. Results arrive one by one,
// as each probe finishes, on the prober's thread.
class FleetProber : public QObject {
    Q_OBJECT
public:
    // Endpoints probed at once; more wait for a free slot.
    static constexpr int MaxParallelProbes = ParallelRunner::PoolThreads;
    // Probe connections open at once to one server (host:port). Each is a backend started and a
    // SCRAM exchange, milliseconds of CPU at both ends: a refresh should not land them all at once.
    static constexpr int MaxProbesPerServer = 4;

    explicit FleetProber(QObject* parent = nullptr);

    // Probes every endpoint of shards, connecting to each shard's tenant database with base (the
    // catalog connection's user, passfile and TLS settings). A probe round still running is
    // abandoned: its results are dropped, and only this round's are reported.
    void probe(const ConnectionParams& base, const QList<ShardInfo>& shards);
    // Abandons the round in progress: nothing more is reported for it, not even finished().
    void cancel();
    bool isRunning() const { return m_pending > 0; }

signals:
    void endpointProbed(int endpointId, const EndpointStatus& status);
    // Every endpoint of the round has been reported.
    void finished();

private:
    // Probes still running when the prober goes finish on the runner's pool (bounded by
    // EndpointProbe's timeouts) and report to nobody.
    ParallelRunner m_runner;
    Generation m_round;
    int m_pending = 0;
};
