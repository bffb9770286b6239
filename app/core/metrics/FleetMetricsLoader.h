#pragma once

#include "metrics/MetricTarget.h"
#include "pg/ConnectionParams.h"

#include <QList>
#include <QObject>

class PgSession;

// The fleet-loading half of the dashboard, without widgets: reads the endpoints to sample (and
// their tenants) from a catalog on a PgSession of its own, off the caller's thread. The GUI, and
// anything else that polls the fleet, builds its MetricsPoller from what loaded() hands over.
class FleetMetricsLoader : public QObject {
    Q_OBJECT
public:
    explicit FleetMetricsLoader(QObject* parent = nullptr);

    // Reads the endpoints of catalog (with ConnectionParams::withSafeDefaults()); a load still
    // running is abandoned and reports nothing.
    void load(const ConnectionParams& catalog);
    bool isLoading() const { return m_session != nullptr; }
    // The catalog of the last load(), as connected.
    const ConnectionParams& params() const { return m_params; }
    // Where the metric history of that catalog's fleet is kept.
    QString historyPath() const;

signals:
    void loaded(const QList<MetricTarget>& targets);
    // What went wrong, for a status line: the catalog unreachable, or its endpoints unreadable.
    void failed(const QString& problem);

private:
    PgSession* m_session = nullptr;  // while loading
    ConnectionParams m_params;
};
