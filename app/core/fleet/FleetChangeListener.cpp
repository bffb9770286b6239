#include "fleet/FleetChangeListener.h"

#include "pg/PgSession.h"

FleetChangeListener::FleetChangeListener(QObject* parent)
    : QObject(parent)
{
}

FleetChangeListener::~FleetChangeListener()
{
    stop();
}

void FleetChangeListener::listen(const ConnectionParams& catalog)
{
    stop();
    m_stop = std::make_shared<std::atomic_bool>(false);
    m_session = new PgSession;
    m_session->open(catalog, this, {});
    m_session->run<bool>(
        [this, stop = m_stop](PgConnection& c) {
            c.exec(QStringLiteral("LISTEN tenantdesk_fleet"));
            while (!*stop) {
                if (!c.awaitNotifications(WakeMs).isEmpty())
                    QMetaObject::invokeMethod(this, &FleetChangeListener::notified, Qt::QueuedConnection);
            }
            return true;
        },
        this, {});
}

void FleetChangeListener::stop()
{
    if (m_stop)
        *m_stop = true;
    // Joins the worker: the job sees the flag within WakeMs (a connect in progress, connect_timeout).
    delete std::exchange(m_session, nullptr);
}
