#include "pg/SerialWorker.h"

SerialWorker::SerialWorker(const QString& name, QThread::Priority priority, QObject* parent)
    : QObject(parent)
{
    m_thread.setObjectName(name);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start(priority);
}

SerialWorker::~SerialWorker()
{
    // Quit as the last job, so that every job queued before runs (or is skipped, when cancelled).
    post([thread = &m_thread] { thread->quit(); });
    m_thread.wait();
}

void SerialWorker::cancelQueued()
{
    m_queued.cancel();
    m_queued = CancelToken();
}

void SerialWorker::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_context, std::move(job), Qt::QueuedConnection);
}

void SerialWorker::finishOne()
{
    if (--m_pending == 0)
        emit busyChanged(false);
}
