#include "fleet/FleetProber.h"

#include "fleet/EndpointProbe.h"

#include <QThreadPool>

#include <mutex>

struct FleetProber::Relay {
    std::mutex mutex;
    FleetProber* owner = nullptr;  // cleared by ~FleetProber, under mutex
};

// Not the global pool: that one has as many threads as cores, and probes mostly wait on the
// network. Never destroyed: quitting must not wait for the probes of hanging servers.
static QThreadPool& probePool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(FleetProber::MaxParallelProbes);
        p->setObjectName(QStringLiteral("FleetProber"));
        return p;
    }();
    return *pool;
}

FleetProber::FleetProber(QObject* parent)
    : QObject(parent)
    , m_relay(std::make_shared<Relay>())
{
    m_relay->owner = this;
}

FleetProber::~FleetProber()
{
    // Probes still running finish on their own (bounded by EndpointProbe's timeouts) and report to nobody.
    std::lock_guard lock(m_relay->mutex);
    m_relay->owner = nullptr;
}

void FleetProber::probe(const ConnectionParams& base, const QList<ShardInfo>& shards)
{
    cancel();
    const quint64 generation = m_generation;
    for (const ShardInfo& shard : shards) {
        for (const EndpointInfo& endpoint : shard.endpoints) {
            ++m_pending;
            probePool().start([relay = m_relay, generation, base, endpoint, dbname = shard.tenantDatabase] {
                const EndpointStatus status =
                    EndpointProbe::probe(base, endpoint.host, endpoint.port, dbname);
                std::lock_guard lock(relay->mutex);
                // Posting an event is thread-safe; the owner cannot go away while the mutex is held,
                // and Qt discards events posted to an object that is deleted before they run.
                if (FleetProber* owner = relay->owner) {
                    QMetaObject::invokeMethod(
                        owner,
                        [owner, generation, id = endpoint.id, status] {
                            owner->deliver(generation, id, status);
                        },
                        Qt::QueuedConnection);
                }
            });
        }
    }
    if (m_pending == 0) {
        QMetaObject::invokeMethod(
            this,
            [this, generation] {
                if (generation == m_generation)
                    emit finished();
            },
            Qt::QueuedConnection);
    }
}

void FleetProber::cancel()
{
    ++m_generation;
    m_pending = 0;
}

void FleetProber::deliver(quint64 generation, int endpointId, const EndpointStatus& status)
{
    if (generation != m_generation)
        return;
    emit endpointProbed(endpointId, status);
    // A slot may have started a new round meanwhile.
    if (generation == m_generation && --m_pending == 0)
        emit finished();
}
