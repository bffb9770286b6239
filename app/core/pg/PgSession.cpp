#include "pg/PgSession.h"

PgSession::PgSession(QObject* parent)
    : QObject(parent)
    , m_worker(QStringLiteral("PgSession"))
{
    connect(&m_worker, &SerialWorker::busyChanged, this, &PgSession::busyChanged);
}

PgSession::~PgSession()
{
    // Skip what has not started and interrupt the running statement; every wait of a job has its
    // deadline (PgConnection), so the worker ends even when the server answers nothing, not even
    // the cancel.
    m_worker.cancelQueued();
    m_connection.cancel();
}

void PgSession::open(const ConnectionParams& params, QObject* context, std::function<void(Outcome<void>)> done)
{
    m_params = params;
    run<void>([params](PgConnection& c) { c.open(params); }, context, std::move(done));
}

void PgSession::cancel()
{
    m_connection.cancel();
}
