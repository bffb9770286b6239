#include "metrics/FleetMetricsLoader.h"

#include "metrics/MetricTargetLoader.h"
#include "metrics/MetricsHistory.h"
#include "pg/PgSession.h"

FleetMetricsLoader::FleetMetricsLoader(QObject* parent)
    : QObject(parent)
{
}

void FleetMetricsLoader::load(const ConnectionParams& catalog)
{
    m_params = catalog.withSafeDefaults();
    // A load in progress is dropped with its session: its replies are delivered through it.
    delete m_session;
    m_session = new PgSession(this);
    auto unreachable = std::make_shared<bool>(false);
    m_session->open(m_params, this, [this, unreachable](Outcome<void> opened) {
        if (!opened.ok()) {
            *unreachable = true;
            emit failed(tr("Cannot reach the catalog: %1").arg(opened.error->message()));
        }
    });
    m_session->run<QList<MetricTarget>>(
        [](PgConnection& c) { return MetricTargetLoader::load(c); }, this,
        [this, unreachable](Outcome<QList<MetricTarget>> result) {
            std::exchange(m_session, nullptr)->deleteLater();
            if (!result.ok()) {
                if (!*unreachable)
                    emit failed(tr("Cannot read the endpoints: %1").arg(result.error->message()));
                return;
            }
            emit loaded(*result.value);
        });
}

QString FleetMetricsLoader::historyPath() const
{
    return MetricsHistory::defaultPath(m_params.toDisplayString());
}
