#include "metrics/FleetMetricsLoader.h"

#include "metrics/MetricTargetLoader.h"
#include "metrics/MetricsHistory.h"
#include "pg/PgSession.h"

namespace {
struct LoadedFleet {
    QList<MetricTarget> targets;
    qint64 generation = 0;
};
} // namespace

FleetMetricsLoader::FleetMetricsLoader(QObject* parent)
    : QObject(parent)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(RetryMs);
    connect(&m_retry, &QTimer::timeout, this, &FleetMetricsLoader::catchUp);
}

FleetMetricsLoader::~FleetMetricsLoader() = default;

void FleetMetricsLoader::load(const ConnectionParams& catalog)
{
    m_params = catalog.withSafeDefaults();
    m_reads.invalidate();
    // A load in progress is dropped with its session: its replies are delivered through it.
    delete m_session;
    m_session = new PgSession(this);
    m_generation = 0;
    m_catalogGeneration = 0;
    m_stale = false;
    m_retry.stop();
    open();
    readTargets();
}

void FleetMetricsLoader::open()
{
    m_reopen = false;
    const Generation::Ticket ticket = m_reads.current();
    m_session->open(m_params, this, [this, ticket](Outcome<void> opened) {
        if (!opened.ok() && ticket.isCurrent()) {
            m_reopen = true;
            emit failed(tr("Cannot reach the catalog: %1").arg(opened.error->message()));
        }
    });
}

void FleetMetricsLoader::readTargets()
{
    m_loading = true;
    m_stale = false;
    const Generation::Ticket ticket = m_reads.next();
    m_session->run<LoadedFleet>(
        [](PgConnection& c) {
            LoadedFleet fleet;
            fleet.targets = MetricTargetLoader::load(c, &fleet.generation);
            return fleet;
        },
        this,
        [this, ticket](Outcome<LoadedFleet> result) {
            if (!ticket.isCurrent())
                return;
            m_loading = false;
            if (!result.ok()) {
                // Unreachable was said when opening failed.
                if (!m_reopen)
                    emit failed(tr("Cannot read the endpoints: %1").arg(result.error->message()));
                m_reopen = true;
                if (m_following)
                    m_retry.start();
                return;
            }
            m_generation = result.value->generation;
            emit loaded(result.value->targets);
            catchUp(); // a change told while reading may be newer than what was read
        });
}

void FleetMetricsLoader::setFollowing(bool on)
{
    m_following = on;
    if (on)
        catchUp();
    else
        m_retry.stop();
}

void FleetMetricsLoader::followGeneration(qint64 generation)
{
    m_catalogGeneration = std::max(m_catalogGeneration, generation);
    catchUp();
}

void FleetMetricsLoader::reload()
{
    m_stale = true;
    catchUp();
}

void FleetMetricsLoader::catchUp()
{
    if (!m_following || !m_session || m_loading)
        return;
    if (!m_reopen && !m_stale && m_catalogGeneration <= m_generation)
        return;
    m_retry.stop();
    if (m_reopen)
        open();
    readTargets();
}

QString FleetMetricsLoader::historyPath() const
{
    return MetricsHistory::defaultPath(m_params.toDisplayString());
}
