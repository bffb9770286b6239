#include "pg/PgSession.h"

PgSession::PgSession(QObject* parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("PgSession"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

PgSession::~PgSession()
{
    // Interrupt the running statement; every wait of a job has its deadline (PgConnection), so the
    // worker ends even when the server answers nothing, not even the cancel.
    m_connection.cancel();
    m_thread.quit();
    m_thread.wait();
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
