#include "metrics/MetricsPoller.h"

#include "metrics/EndpointSampler.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <algorithm>

struct MetricsPoller::Endpoint {
    std::shared_ptr<EndpointSampler> sampler;  // shared with the job running on the worker
    QThread thread;
    QObject* context = nullptr;  // lives on thread; samples are queued to it
    bool inFlight = false;
    qint64 startedAt = 0;
    bool reportedSilent = false;  // reported down for not answering, this sample
    int failures = 0;  // in a row
    qint64 retryAt = 0;
};

// Sampling is background work: when it competes for the CPU (a round of connections, each a
// SCRAM handshake; a sandbox whose servers share the machine) the GUI thread must win.
// QThread::LowPriority does that on Windows and macOS; on Linux it has no effect for normal
// threads, but a thread may have a nice value of its own.
static void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 5);
#endif
}

MetricsPoller::MetricsPoller(const ConnectionParams& base, const QList<MetricTarget>& targets, QObject* parent)
    : QObject(parent)
    , m_targets(targets)
{
    qRegisterMetaType<MetricSample>();
    m_clock.start();
    m_timer.setInterval(defaultIntervalMs);
    // Precise: "not answered within an interval" is measured against the ticks.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPoller::tick);
    m_endpoints.reserve(size_t(targets.size()));
    for (const MetricTarget& target : targets) {
        auto endpoint = std::make_unique<Endpoint>();
        endpoint->sampler = std::make_shared<EndpointSampler>(target, base);
        endpoint->thread.setObjectName(QStringLiteral("metrics ") + target.label());
        endpoint->context = new QObject;
        endpoint->context->moveToThread(&endpoint->thread);
        connect(&endpoint->thread, &QThread::finished, endpoint->context, &QObject::deleteLater);
        endpoint->thread.start(QThread::LowPriority);
        QMetaObject::invokeMethod(endpoint->context, &lowerThisThreadsPriority, Qt::QueuedConnection);
        m_endpoints.push_back(std::move(endpoint));
    }
}

MetricsPoller::~MetricsPoller()
{
    for (const auto& endpoint : m_endpoints) {
        if (endpoint->inFlight)
            endpoint->sampler->cancel();
        endpoint->thread.quit();
    }
    for (const auto& endpoint : m_endpoints)
        endpoint->thread.wait();
}

void MetricsPoller::setInterval(int ms)
{
    m_timer.setInterval(qMax(50, ms));
}

void MetricsPoller::setTenantsEvery(int ticks)
{
    forEachSampler([ticks](EndpointSampler& sampler) { sampler.setTenantsEvery(ticks); });
}

void MetricsPoller::setSizesEvery(int ticks)
{
    forEachSampler([ticks](EndpointSampler& sampler) { sampler.setSizesEvery(ticks); });
}

void MetricsPoller::forEachSampler(const std::function<void(EndpointSampler&)>& fn)
{
    for (const auto& endpoint : m_endpoints) {
        // Queued behind any sample in progress: a sampler is only touched by its worker.
        QMetaObject::invokeMethod(endpoint->context, [sampler = endpoint->sampler, fn] { fn(*sampler); },
                                  Qt::QueuedConnection);
    }
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
    return int(std::count_if(m_endpoints.begin(), m_endpoints.end(), [](const auto& e) { return e->inFlight; }));
}

void MetricsPoller::tick()
{
    const qint64 now = m_clock.elapsed();
    const int interval = m_timer.interval();
    for (int i = 0; i < int(m_endpoints.size()); ++i) {
        Endpoint& endpoint = *m_endpoints[size_t(i)];
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
    Endpoint& endpoint = *m_endpoints[size_t(index)];
    endpoint.inFlight = true;
    endpoint.startedAt = m_clock.elapsed();
    endpoint.reportedSilent = false;
    QMetaObject::invokeMethod(endpoint.context, [this, index, sampler = endpoint.sampler] {
        const MetricSample sample = sampler->sample();
        // Posted to the poller, whose destructor waits for this thread before it goes.
        QMetaObject::invokeMethod(this, [this, index, sample] { deliver(index, sample); }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void MetricsPoller::deliver(int index, const MetricSample& sample)
{
    Endpoint& endpoint = *m_endpoints[size_t(index)];
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
