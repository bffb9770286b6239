#pragma once

#include "pg/ConnectionParams.h"
#include "fleet/EndpointStatus.h"
#include "catalog/ShardInfo.h"

#include <QList>
#include <QObject>

#include <memory>

// Probes every endpoint of a fleet at once, from the GUI thread without blocking it: one
// EndpointProbe per endpoint, each on its own short-lived connection, on a thread pool wide
// enough that a down or hanging endpoint delays nobody but itself. Results arrive one by one,
// as each probe finishes, on the prober's thread.
class FleetProber : public QObject {
    Q_OBJECT
public:
    // Endpoints probed at once; more wait for a free slot.
    static constexpr int MaxParallelProbes = 64;

    explicit FleetProber(QObject* parent = nullptr);
    ~FleetProber() override;

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
    void deliver(quint64 generation, int endpointId, const EndpointStatus& status);

    // Shared with the probe tasks, which may outlive the prober: they report through it, and
    // only while the prober is alive.
    struct Relay;
    std::shared_ptr<Relay> m_relay;
    quint64 m_generation = 0;
    int m_pending = 0;
};
