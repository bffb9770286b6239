#include "metrics/MetricsPoller.h"

#include "metrics/EndpointSampler.h"

#include <algorithm>

struct MetricsPoller::Endpoint {
    std::shared_ptr<EndpointSampler> sampler;  // shared with the job sampling it, one job at a time
    QString server;  // host:port, for the runner's bound per server
    bool inFlight = false;
    qint64 startedAt = 0;
    bool reportedSilent = false;  // reported down for not answering, this sample
    int failures = 0;  // in a row
    qint64 retryAt = 0;
};

MetricsPoller::MetricsPoller(const ConnectionParams& base, const QList<MetricTarget>& targets, QObject* parent)
    : QObject(parent)
    , m_targets(targets)
    , m_tenantsEvery(EndpointSampler::defaultTenantsEvery)
    , m_sizesEvery(EndpointSampler::defaultSizesEvery)
    , m_runner(maxParallelSamples, maxSamplesPerServer, ParallelRunner::Priority::Background)
{
    qRegisterMetaType<MetricSample>();
    m_clock.start();
    m_timer.setInterval(defaultIntervalMs);
    // Precise: "not answered within an interval" is measured against the ticks.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPoller::tick);
    m_endpoints.reserve(size_t(targets.size()));
    for (const MetricTarget& target : targets) {
        Endpoint endpoint;
        endpoint.sampler = std::make_shared<EndpointSampler>(target, base);
        endpoint.server = target.endpoint.host + u':' + QString::number(target.endpoint.port);
        m_endpoints.push_back(std::move(endpoint));
    }
}

MetricsPoller::~MetricsPoller()
{
    for (const Endpoint& endpoint : m_endpoints) {
        if (endpoint.inFlight)
            endpoint.sampler->cancel();
    }
}

void MetricsPoller::setInterval(int ms)
{
    m_timer.setInterval(qMax(50, ms));
}

void MetricsPoller::setTenantsEvery(int ticks)
{
    m_tenantsEvery = ticks;
}

void MetricsPoller::setSizesEvery(int ticks)
{
    m_sizesEvery = ticks;
}

void MetricsPoller::resume()
{
    if (!isPaused())
        return;
    m_timer.start();
    emit pausedChanged(false);
    tick();
}

void MetricsPoller::pause()
{
    if (isPaused())
        return;
    m_timer.stop();
    emit pausedChanged(true);
}

int MetricsPoller::inFlight() const
{
    return int(std::count_if(m_endpoints.begin(), m_endpoints.end(), [](const Endpoint& e) { return e.inFlight; }));
}

void MetricsPoller::tick()
{
    const qint64 now = m_clock.elapsed();
    const int interval = m_timer.interval();
    for (int i = 0; i < int(m_endpoints.size()); ++i) {
        Endpoint& endpoint = m_endpoints[size_t(i)];
        if (endpoint.inFlight) {
            // Skipped: still busy. A server that stopped answering (hung, or a network that
            // drops packets) is shown down now, while the worker waits out its timeouts.
            if (!endpoint.reportedSilent && now - endpoint.startedAt >= interval * 9 / 10) {
                endpoint.reportedSilent = true;
                emit endpointDown(m_targets.at(i).endpoint.id,
                                  tr("no answer within %1 s").arg(double(now - endpoint.startedAt) / 1000.0, 0, 'f', 1));
            }
            continue;
        }
        // Half an interval of slack: a retry due just after this tick is taken now, not a tick later.
        if (endpoint.retryAt > now + interval / 2)
            continue;
        dispatch(i);
    }
}

void MetricsPoller::dispatch(int index)
{
    Endpoint& endpoint = m_endpoints[size_t(index)];
    endpoint.inFlight = true;
    endpoint.startedAt = m_clock.elapsed();
    endpoint.reportedSilent = false;
    m_runner.run<MetricSample>(
        endpoint.server,
        [sampler = endpoint.sampler, tenantsEvery = m_tenantsEvery, sizesEvery = m_sizesEvery] {
            sampler->setTenantsEvery(tenantsEvery);
            sampler->setSizesEvery(sizesEvery);
            return sampler->sample();
        },
        this, [this, index](Outcome<MetricSample> r) { deliver(index, *r.value); });  // sample() never throws
}

void MetricsPoller::deliver(int index, const MetricSample& sample)
{
    Endpoint& endpoint = m_endpoints[size_t(index)];
    endpoint.inFlight = false;
    if (sample.up) {
        endpoint.failures = 0;
        endpoint.retryAt = 0;
        emit sampled(sample);
    } else {
        ++endpoint.failures;
        endpoint.retryAt = m_clock.elapsed() + backoffMs(endpoint.failures);
        emit endpointDown(sample.endpointId, sample.error);
    }
}

qint64 MetricsPoller::backoffMs(int failures) const
{
    // The first retry at the next tick, then after 2, 4, 8... intervals: a fleet of dead
    // endpoints is not hammered with connection attempts.
    const qint64 backoff = qint64(m_timer.interval()) << qMin(failures - 1, 16);
    return qMin<qint64>(backoff, qMax(maxBackoffMs, m_timer.interval()));
}
