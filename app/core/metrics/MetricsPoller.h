#pragma once

#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"
#include "pg/ConnectionParams.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <vector>

class PollLoop;

// Polls every endpoint of the fleet from the thread it lives on (the GUI thread, or tenantctl's
// main thread) without ever waiting on the network there: all endpoints are sampled by ONE worker
// thread (PollLoop) whose event loop drives their non-blocking connections, and the samples come
// back as queued signals. A slow or dead endpoint delays nobody else.
//
// Every interval, each endpoint whose previous sample is done is sampled again; one still running
// is skipped. Each tick has a deadline (deadlineMs(), 90% of the interval): an endpoint that has
// not answered by then is reported down, its statement cancelled and its connection closed.
// After a failure an endpoint is retried with a backoff (one interval, then doubling up to 30 s)
// and recovers by itself. Created paused: the dashboard resumes it while visible, so hidden
// charts cost the fleet nothing.
class MetricsPoller : public QObject {
    Q_OBJECT
public:
    static constexpr int defaultIntervalMs = 2000;
    static constexpr int maxBackoffMs = 30000;
    // The bounds of a tick's deadline, whatever the interval.
    static constexpr int minDeadlineMs = 250;
    static constexpr int maxDeadlineMs = 4000;

    MetricsPoller(const ConnectionParams& base, const QList<MetricTarget>& targets, QObject* parent = nullptr);
    // Stops the worker; connections are closed, nothing is waited for on the network.
    ~MetricsPoller() override;

    const QList<MetricTarget>& targets() const { return m_targets; }
    // The endpoints to poll from now on (the catalog changed): an endpoint at a new address (or
    // database, or pooling) is polled there from the next tick, with a new connection; one
    // removed is no longer polled and its connection closed; the others keep theirs.
    void setTargets(const QList<MetricTarget>& targets);
    int interval() const { return m_timer.interval(); }
    void setInterval(int ms);
    // How long a tick may take at this interval before the endpoint is reported down.
    static int deadlineMs(int intervalMs);
    // Forwarded to every sampler (SampleReader::setTenantsEvery, setSizesEvery).
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
    struct Endpoint {
        int id = 0;
        quint64 version = 0; // of its target: a sample taken for another one is dropped
        bool inFlight = false;
        int failures = 0; // in a row
        qint64 retryAt = 0;
    };

    void tick();
    void deliver(int endpointId, quint64 version, const MetricSample& sample);
    qint64 backoffMs(int failures) const;

    ConnectionParams m_base;
    QList<MetricTarget> m_targets;
    std::vector<Endpoint> m_endpoints; // in the order of m_targets
    QHash<int, size_t> m_indexOf;      // endpoint id -> index
    quint64 m_versions = 0;
    QThread m_thread;
    PollLoop* m_loop; // lives on m_thread; called there by queued calls
    QTimer m_timer;
    QElapsedTimer m_clock;
};
