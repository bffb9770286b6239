#pragma once

#include "pg/CancelToken.h"
#include "pg/Outcome.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

// The serial-worker primitive: one worker thread that owns a resource (a PgConnection in
// PgSession, the SQLite history in MetricsRecorder) and runs jobs on it one at a time, in the
// order they were queued. The owner keeps the resource and lets only jobs touch it; results
// come back as values on the worker object's thread, never blocking it.
//
// Cancel: cancelQueued() drops the jobs that have not started (their outcome is
// PgError::Kind::Cancelled); the job running is interrupted by its resource (PQcancel).
// The destructor runs what is still queued, then stops the thread: a job that must not wait
// forever needs a deadline of its own (PgConnection has one on every wait).
class SerialWorker : public QObject {
    Q_OBJECT
public:
    explicit SerialWorker(const QString& name, QThread::Priority priority = QThread::InheritPriority,
                          QObject* parent = nullptr);
    ~SerialWorker() override;

    // Runs job on the worker after every job queued before it; done gets the outcome on this
    // object's thread, and is dropped if context is gone by then (context may be null: no callback).
    template <typename T, typename Job>
    void run(Job job, QObject* context, std::function<void(Outcome<T>)> done)
    {
        QPointer<QObject> guard(context);
        ++m_pending;
        if (m_pending == 1)
            emit busyChanged(true);
        post([this, job = std::move(job), queued = m_queued, guard, done = std::move(done)]() mutable {
            Outcome<T> outcome;
            if (queued.isCancelled())
                outcome.error = PgError(PgError::Kind::Cancelled, tr("cancelled before it started"));
            else
                outcome = outcome_detail::capture<T>(job);
            // Delivered through this object (which outlives its thread), then checked against the context.
            QMetaObject::invokeMethod(
                this,
                [this, guard, done = std::move(done), outcome = std::move(outcome)]() mutable {
                    finishOne();
                    if (guard && done)
                        done(std::move(outcome));
                },
                Qt::QueuedConnection);
        });
    }

    // Jobs queued or running.
    int pending() const { return m_pending; }
    bool isBusy() const { return m_pending > 0; }
    // Every job queued so far that has not started is skipped (reported Cancelled).
    void cancelQueued();

signals:
    void busyChanged(bool busy);

private:
    void post(std::function<void()> job);
    void finishOne();

    QThread m_thread;
    QObject* m_context = nullptr; // lives on m_thread; jobs are queued to it
    CancelToken m_queued;         // the token of the jobs queued since the last cancelQueued()
    int m_pending = 0;
};
