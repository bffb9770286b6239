#include "metrics/MetricsPoller.h"

#include "metrics/PollLoop.h"

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <algorithm>

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
    , m_base(base)
{
    qRegisterMetaType<MetricSample>();
    m_clock.start();
    m_timer.setInterval(defaultIntervalMs);
    // Precise: deadlines and backoffs are measured against the ticks.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPoller::tick);
    // Samples are posted to this object, whose destructor waits for the thread before it goes.
    m_loop = new PollLoop([this](int id, quint64 version, const MetricSample& sample) {
        QMetaObject::invokeMethod(
            this, [this, id, version, sample] { deliver(id, version, sample); }, Qt::QueuedConnection);
    });
    m_loop->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_loop, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("metrics poll"));
    m_thread.start(QThread::LowPriority);
    QMetaObject::invokeMethod(m_loop, &lowerThisThreadsPriority, Qt::QueuedConnection);
    setTargets(targets);
}

MetricsPoller::~MetricsPoller()
{
    // The loop is deleted on its thread as the thread finishes: every connection closed (PQfinish
    // never waits), every statement in progress left to the server's statement_timeout.
    m_thread.quit();
    m_thread.wait();
}

void MetricsPoller::setTargets(const QList<MetricTarget>& targets)
{
    std::vector<Endpoint> endpoints;
    QHash<int, size_t> indexOf;
    QList<std::pair<MetricTarget, quint64>> versioned;
    endpoints.reserve(size_t(targets.size()));
    for (const MetricTarget& target : targets) {
        Endpoint endpoint;
        endpoint.id = target.endpoint.id;
        const auto old = m_indexOf.constFind(endpoint.id);
        if (old != m_indexOf.constEnd() && m_targets.at(qsizetype(*old)).sameConnection(target))
            endpoint = m_endpoints[*old]; // its sample in progress, its failures, its backoff
        else
            endpoint.version = ++m_versions; // a sample still coming for the old one is dropped
        indexOf.insert(endpoint.id, endpoints.size());
        endpoints.push_back(endpoint);
        versioned.append({target, endpoint.version});
    }
    m_targets = targets;
    m_endpoints = std::move(endpoints);
    m_indexOf = std::move(indexOf);
    QMetaObject::invokeMethod(
        m_loop, [loop = m_loop, base = m_base, versioned] { loop->setTargets(base, versioned); }, Qt::QueuedConnection);
}

void MetricsPoller::setInterval(int ms)
{
    m_timer.setInterval(qMax(50, ms));
}

int MetricsPoller::deadlineMs(int intervalMs)
{
    // A sample not in before the next tick is due is late: the endpoint is shown down then, not
    // after the statement timeout. Bounded below for a busy server at a very short interval, and
    // above by what a tick can take (statement timeout plus a margin) at a long one.
    return qBound(minDeadlineMs, intervalMs * 9 / 10, maxDeadlineMs);
}

void MetricsPoller::setTenantsEvery(int ticks)
{
    QMetaObject::invokeMethod(
        m_loop, [loop = m_loop, ticks] { loop->setTenantsEvery(ticks); }, Qt::QueuedConnection);
}

void MetricsPoller::setSizesEvery(int ticks)
{
    QMetaObject::invokeMethod(
        m_loop, [loop = m_loop, ticks] { loop->setSizesEvery(ticks); }, Qt::QueuedConnection);
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
    QList<int> due;
    for (Endpoint& endpoint : m_endpoints) {
        // Skipped while its sample runs: that ends by its deadline, within this interval.
        if (endpoint.inFlight)
            continue;
        // Half an interval of slack: a retry due just after this tick is taken now, not a tick later.
        if (endpoint.retryAt > now + interval / 2)
            continue;
        endpoint.inFlight = true;
        due.append(endpoint.id);
    }
    if (due.isEmpty())
        return;
    QMetaObject::invokeMethod(
        m_loop, [loop = m_loop, due, deadline = deadlineMs(interval)] { loop->sample(due, deadline); },
        Qt::QueuedConnection);
}

void MetricsPoller::deliver(int endpointId, quint64 version, const MetricSample& sample)
{
    const auto index = m_indexOf.constFind(endpointId);
    if (index == m_indexOf.constEnd() || m_endpoints[*index].version != version)
        return; // for an endpoint removed or moved since
    Endpoint& endpoint = m_endpoints[*index];
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
