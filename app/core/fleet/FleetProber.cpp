#include "fleet/FleetProber.h"

#include "fleet/EndpointProbe.h"

FleetProber::FleetProber(QObject* parent)
    : QObject(parent)
    , m_runner(MaxParallelProbes, MaxProbesPerServer)
{
}

void FleetProber::probe(const ConnectionParams& base, const QList<ShardInfo>& shards)
{
    cancel();
    const Generation::Ticket round = m_round.next();
    for (const ShardInfo& shard : shards) {
        for (const EndpointInfo& endpoint : shard.endpoints) {
            ++m_pending;
            m_runner.run<EndpointStatus>(
                endpoint.host + u':' + QString::number(endpoint.port),
                [base, endpoint, dbname = shard.tenantDatabase] {
                    return EndpointProbe::probe(base, endpoint.host, endpoint.port, dbname, endpoint.pooling);
                },
                this,
                [this, round, id = endpoint.id](Outcome<EndpointStatus> r) {
                    if (!round.isCurrent())
                        return;
                    emit endpointProbed(id, *r.value); // EndpointProbe::probe never throws
                    // A slot may have started a new round meanwhile.
                    if (round.isCurrent() && --m_pending == 0)
                        emit finished();
                });
        }
    }
    if (m_pending == 0) {
        QMetaObject::invokeMethod(
            this,
            [this, round] {
                if (round.isCurrent())
                    emit finished();
            },
            Qt::QueuedConnection);
    }
}

void FleetProber::cancel()
{
    m_runner.cancelQueued();
    m_round.invalidate();
    m_pending = 0;
}
