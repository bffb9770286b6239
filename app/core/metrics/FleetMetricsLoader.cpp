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
    m_checks.setInterval(defaultCheckEveryMs);
    connect(&m_checks, &QTimer::timeout, this, &FleetMetricsLoader::check);
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
                return;
            }
            m_generation = result.value->generation;
            emit loaded(result.value->targets);
        });
}

void FleetMetricsLoader::setFollowing(bool on)
{
    if (!on)
        m_checks.stop();
    else if (!m_checks.isActive())
        m_checks.start();
}

void FleetMetricsLoader::check()
{
    // Nothing to follow before a first load, on a catalog without a generation, or while reading.
    if (!m_session || m_loading || (m_generation == 0 && !m_reopen))
        return;
    if (m_reopen)
        open();
    const Generation::Ticket ticket = m_reads.current();
    m_session->run<qint64>([](PgConnection& c) { return MetricTargetLoader::generation(c); }, this,
                           [this, ticket](Outcome<qint64> now) {
                               if (!ticket.isCurrent() || m_loading)
                                   return;
                               if (!now.ok()) {
                                   m_reopen = true; // tried again at the next check
                                   return;
                               }
                               if (*now.value != m_generation)
                                   readTargets();
                           });
}

QString FleetMetricsLoader::historyPath() const
{
    return MetricsHistory::defaultPath(m_params.toDisplayString());
}
