#pragma once

#include "pg/Outcome.h"
#include "pg/PgConnection.h"
#include "pg/SerialWorker.h"

#include <QObject>

#include <functional>

// An asynchronous PostgreSQL session: one connection owned by one SerialWorker. Jobs are plain
// functions of PgConnection& (the same functions tenantctl calls directly), run in order on the
// worker; their results come back as values on the thread of the session, never blocking it.
//
//   session->run<TenantTable>([](PgConnection& c) { return CatalogClient::loadTenants(c); },
//                             this, [this](Outcome<TenantTable> r) { ... });
//
// The cancel path: cancel() interrupts the statement in progress (PQcancel, safe from any
// thread), and jobs queued behind it still run; cancelQueued() skips those that have not started.
// The callback is dropped if its context object is gone by then.
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
        m_worker.run<T>([this, job = std::move(job)]() { return job(m_connection); }, context, std::move(done));
    }

    void cancel();
    void cancelQueued() { m_worker.cancelQueued(); }
    bool isBusy() const { return m_worker.isBusy(); }
    // The parameters of the last open(); the connection itself belongs to the worker thread.
    const ConnectionParams& params() const { return m_params; }

signals:
    void busyChanged(bool busy);

private:
    PgConnection m_connection; // touched only by jobs on the worker, and by cancel(); outlives the worker
    SerialWorker m_worker;
    ConnectionParams m_params;
};
