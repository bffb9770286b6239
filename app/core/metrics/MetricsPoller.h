#pragma once

#include "pg/ConnectionParams.h"
#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

// Polls every endpoint of the fleet from the thread it lives on (the GUI thread, or tenantctl's
// main thread) without ever waiting on the network there: each endpoint has its own
// EndpointSampler on its own worker thread, so a slow or dead endpoint delays nobody else.
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

    MetricsPoller(const ConnectionParams& base, const QList<MetricTarget>& targets, QObject* parent = nullptr);
    // Interrupts the statements in progress and waits for the workers (bounded by the samplers'
    // connect and statement timeouts).
    ~MetricsPoller() override;

    const QList<MetricTarget>& targets() const { return m_targets; }
    int interval() const { return m_timer.interval(); }
    void setInterval(int ms);
    // Forwarded to every sampler (EndpointSampler::setTenantsEvery, setSizesEvery).
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

    // Runs fn on every sampler, on its worker, after any sample in progress.
    void forEachSampler(const std::function<void(EndpointSampler&)>& fn);
    void tick();
    void dispatch(int index);
    void deliver(int index, const MetricSample& sample);
    qint64 backoffMs(int failures) const;

    QList<MetricTarget> m_targets;
    std::vector<std::unique_ptr<Endpoint>> m_endpoints;
    QTimer m_timer;
    QElapsedTimer m_clock;
};
