#pragma once

#include "pg/CancelToken.h"
#include "pg/Outcome.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>
#include <memory>

// The bounded parallel runner: fan-out of blocking jobs over many endpoints or tenants (probes,
// samples, batch provisioning) on a shared pool of threads, at most maxParallel at once and at
// most maxPerServer at once against one server (the key given with each job, e.g. "host:port"),
// so that a fan-out over a fleet never opens more connections to one server than it allows.
// Results come back as Outcome values on the runner's thread, in the order jobs finish.
//
// Cancel: cancelQueued() drops the jobs not started (nothing is reported for them); the running
// ones are interrupted by their own connections (PQcancel) or end on their own deadlines. The
// runner's destructor does not wait for running jobs: they finish on the pool and report to nobody.
class ParallelRunner : public QObject {
    Q_OBJECT
public:
    // Threads of the shared pool: jobs mostly wait on the network, not on the CPU.
    static constexpr int PoolThreads = 64;

    ParallelRunner(int maxParallel, int maxPerServer, QObject* parent = nullptr);
    ~ParallelRunner() override;

    // Queues job for server; done gets its outcome on this object's thread, unless context is gone.
    template <typename T, typename Job>
    void run(const QString& server, Job job, QObject* context, std::function<void(Outcome<T>)> done)
    {
        QPointer<QObject> guard(context);
        enqueue(server, [job = std::move(job), guard, done = std::move(done)]() mutable -> Delivery {
            auto outcome = std::make_shared<Outcome<T>>(outcome_detail::capture<T>(job));
            return [outcome, guard, done = std::move(done)] {
                if (guard && done)
                    done(std::move(*outcome));
            };
        });
    }

    // Jobs queued or running.
    int pending() const { return int(m_queue.size()) + m_running; }
    int running() const { return m_running; }
    bool isIdle() const { return pending() == 0; }
    // Drops the jobs that have not started; the running ones still report.
    void cancelQueued();

    // For jobs that report progress before their outcome: a function, safe to call from any
    // thread, that runs what it is given on the runner's thread, in order with the outcomes
    // (progress a job posts arrives before its own outcome), or drops it once the runner is gone.
    using Post = std::function<void(std::function<void()>)>;
    Post poster() const;

    // For blocking callers (tenantctl, the sandbox): runs a local event loop until every job queued
    // has reported. Needs a QCoreApplication.
    void waitForIdle();

signals:
    // The last job queued has reported.
    void idle();

private:
    // Runs on the pool; returns what to run on the runner's thread.
    using Delivery = std::function<void()>;
    using Task = std::function<Delivery()>;
    struct Queued {
        QString server;
        Task task;
    };
    struct Relay;

    void enqueue(const QString& server, Task task);
    void startWhatFits();
    void finished(const QString& server, const Delivery& deliver);

    const int m_maxParallel;
    const int m_maxPerServer;
    std::deque<Queued> m_queue;
    QHash<QString, int> m_perServer; // running jobs by server
    int m_running = 0;
    std::shared_ptr<Relay> m_relay; // shared with the running jobs, which may outlive the runner
};
