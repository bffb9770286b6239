#pragma once

#include "pg/JobError.h"
#include "pg/PgConnection.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>
#include <functional>
#include <optional>

// The result of a job run on a PgSession: a value, or the error that stopped it.
template <typename T>
struct Outcome {
    std::optional<T> value;
    std::optional<JobError> error;
    bool ok() const { return !error.has_value(); }
};
template <>
struct Outcome<void> {
    std::optional<JobError> error;
    bool ok() const { return !error.has_value(); }
};

// An asynchronous PostgreSQL session: one connection owned by one worker thread. Jobs are plain
// functions of PgConnection& (the same functions tenantctl calls directly), run in order on the
// worker; their results come back as values on the thread of the session, never blocking it.
//
//   session->run<TenantTable>([](PgConnection& c) { return CatalogClient::loadTenants(c); },
//                             this, [this](Outcome<TenantTable> r) { ... });
//
// cancel() interrupts the statement in progress (PQcancel, safe from any thread); jobs queued
// behind it still run. The callback is dropped if its context object is gone by then.
class PgSession : public QObject {
    Q_OBJECT
public:
    explicit PgSession(QObject* parent = nullptr);
    ~PgSession() override;

    // Connects (or reconnects) on the worker. params are used as given: apply withSafeDefaults() first.
    void open(const ConnectionParams& params, QObject* context, std::function<void(Outcome<void>)> done);

    template <typename T>
    void run(std::function<T(PgConnection&)> job, QObject* context, std::function<void(Outcome<T>)> done)
    {
        QPointer<QObject> guard(context);
        ++m_pending;
        emit busyChanged(true);
        QMetaObject::invokeMethod(m_worker, [this, job = std::move(job), guard, done = std::move(done)]() mutable {
            Outcome<T> outcome;
            try {
                if constexpr (std::is_void_v<T>)
                    job(m_connection);
                else
                    outcome.value.emplace(job(m_connection));
            } catch (const PgError& e) {
                outcome.error = e;
            } catch (const InputError& e) {
                outcome.error = e;
            } catch (const std::exception& e) {
                outcome.error = PgError(PgError::Kind::Query, QString::fromUtf8(e.what()));
            }
            // Delivered through the session (which outlives its worker), then checked against the context.
            QMetaObject::invokeMethod(this, [this, guard, done = std::move(done), outcome = std::move(outcome)]() mutable {
                if (--m_pending == 0)
                    emit busyChanged(false);
                if (guard && done)
                    done(std::move(outcome));
            }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
    }

    void cancel();
    bool isBusy() const { return m_pending > 0; }
    // The parameters of the last open(); the connection itself belongs to the worker thread.
    const ConnectionParams& params() const { return m_params; }

signals:
    void busyChanged(bool busy);

private:
    QThread m_thread;
    QObject* m_worker = nullptr;  // lives on m_thread; jobs are queued to it
    PgConnection m_connection;     // touched only by jobs on m_thread, and by cancel()
    ConnectionParams m_params;
    int m_pending = 0;
};
