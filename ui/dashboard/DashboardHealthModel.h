#pragma once

#include "base/FixedColumnsModel.h"
#include "metrics/EndpointHealth.h"
#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"

#include <QHash>

// One row per endpoint: its health (ok / warning / down, coloured by HealthColors) and latest
// figures, for the table at the top of the dashboard.
class DashboardHealthModel : public FixedColumnsModel {
    Q_OBJECT
public:
    enum Column { Endpoint, Address, Health, Tps, Connections, LockWaits, Lag, HitRatio, Reason, ColumnCount };

    explicit DashboardHealthModel(QObject* parent = nullptr);

    void setTargets(const QList<MetricTarget>& targets);
    // Returns whether the endpoint's health changed.
    bool setSample(const MetricSample& sample);
    bool setDown(int endpointId, const QString& error);
    EndpointHealth health(int endpointId) const;
    int rowOf(int endpointId) const { return m_rowOf.value(endpointId, -1); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        MetricTarget target;
        MetricSample sample;
        EndpointHealth health;
    };
    bool update(int row, const MetricSample& sample, const EndpointHealth& health);
    QString text(const Row& row, Column column) const;

    QList<Row> m_rows;
    QHash<int, int> m_rowOf;
};
