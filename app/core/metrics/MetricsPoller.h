#pragma once

#include "pg/ConnectionParams.h"
#include "pg/ParallelRunner.h"
#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

// Polls every endpoint of the fleet from the thread it lives on (the GUI thread, or tenantctl's
// main thread) without ever waiting on the network there: each endpoint has its own
// EndpointSampler (a persistent connection), sampled by a background ParallelRunner, so a slow
// or dead endpoint delays nobody else and a thousand endpoints do not need a thousand threads.
//
// Every interval, each endpoint whose previous sample is done is sampled again; one still
// running is skipped, and reported down once it has not answered for an interval. After a
// failure an endpoint is retried with a backoff (one interval, then doubling up to 30 s) and
// recovers by itself. Created paused: the dashboard resumes it while visible, so hidden charts
// cost the fleet nothing.
class EndpointSampler;

class MetricsPoller : public QObject {
    Q_OBJECT
public:
    static constexpr int defaultIntervalMs = 2000;
    static constexpr int maxBackoffMs = 30000;
    // Samples running at once, in all and against one server (host:port).
    static constexpr int maxParallelSamples = ParallelRunner::PoolThreads;
    static constexpr int maxSamplesPerServer = 32;

    MetricsPoller(const ConnectionParams& base, const QList<MetricTarget>& targets, QObject* parent = nullptr);
    // Interrupts the statements in progress; they end on the runner's pool (bounded by the
    // samplers' connect and statement timeouts) and report to nobody.
    ~MetricsPoller() override;

    const QList<MetricTarget>& targets() const { return m_targets; }
    int interval() const { return m_timer.interval(); }
    void setInterval(int ms);
    // Given to every sampler with its next sample (EndpointSampler::setTenantsEvery, setSizesEvery).
    void setTenantsEvery(int ticks);
    void setSizesEvery(int ticks);

    // Samples at once, then every interval.
    void resume();
    void pause();
    bool isPaused() const { return !m_timer.isActive(); }
    // Endpoints whose sample is running now.
    int inFlight() const;

signals:
    void sampled(const MetricSample& sample);
    void endpointDown(int endpointId, const QString& error);
    void pausedChanged(bool paused);

private:
    struct Endpoint;

    void tick();
    void dispatch(int index);
    void deliver(int index, const MetricSample& sample);
    qint64 backoffMs(int failures) const;

    QList<MetricTarget> m_targets;
    std::vector<Endpoint> m_endpoints;
    int m_tenantsEvery;
    int m_sizesEvery;
    ParallelRunner m_runner;
    QTimer m_timer;
    QElapsedTimer m_clock;
};
