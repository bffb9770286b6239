#pragma once

#include "metrics/EndpointHealth.h"
#include "metrics/HistoryPoint.h"
#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"
#include "pg/ConnectionParams.h"
#include "pg/Generation.h"

#include <QColor>
#include <QHash>
#include <QTimer>
#include <QWidget>

#include <memory>

class CatalogConnection;
class DashboardHealthModel;
class FleetLineChart;
class HotTenantsModel;
class MetricsPoller;
class MetricsRecorder;
class FleetMetricsLoader;
class QComboBox;
class QLabel;
class QTableView;
class ShardBarChart;

// The load of the fleet at a glance: the health of every endpoint, live charts per shard
// (transactions/s, connections) and per replica (replication lag) over 5 minutes, 1 hour or
// 24 hours, tenants and storage per shard, and the hottest tenants. It polls only while visible
// (hidden, the poller is paused), and keeps a local history so that the last 24 hours are back
// as soon as it is opened again.
class DashboardWidget : public QWidget {
    Q_OBJECT
public:
    enum class Window { FiveMinutes, OneHour, Day };
    // Points per line across a window; longer windows fold samples into buckets.
    static constexpr int pointsPerWindow = 600;

    explicit DashboardWidget(QWidget* parent = nullptr);
    ~DashboardWidget() override;

    // Reads the endpoints from the catalog on a worker (when first shown), then polls them
    // while visible, following the catalog's changes to the endpoints (FleetMetricsLoader).
    void openCatalog(const ConnectionParams& catalog);
    // The endpoints are read again whenever catalog says the fleet's shape changed: the open
    // catalog's one watch of the fleet generation serves the tree, the tables and this tab.
    void followFleet(const CatalogConnection* catalog);
    // Shows these endpoints. poller (may be null: samples then come only through showSample())
    // is connected and owned; historyPath empty keeps no history.
    void setFleet(const QList<MetricTarget>& targets, std::unique_ptr<MetricsPoller> poller,
                  const QString& historyPath = {});

    MetricsPoller* poller() const { return m_poller.get(); }
    // What reads the endpoints after openCatalog(), and reads them again when the fleet changes.
    FleetMetricsLoader* loader() const { return m_loader; }
    // How often the endpoints are sampled (and the charts drawn).
    void setInterval(int ms);
    const QList<MetricTarget>& targets() const { return m_targets; }
    EndpointHealth health(int endpointId) const;
    // The colour of an endpoint's health (grey until its first sample), for the fleet tree.
    QColor healthColor(int endpointId) const;

    Window window() const { return m_window; }
    void setWindow(Window window);
    static qint64 windowMs(Window window);

    FleetLineChart* tpsChart() const { return m_tpsChart; }
    FleetLineChart* connectionsChart() const { return m_connectionsChart; }
    FleetLineChart* lagChart() const { return m_lagChart; }
    ShardBarChart* tenantsChart() const { return m_tenantsChart; }
    ShardBarChart* storageChart() const { return m_storageChart; }
    HotTenantsModel* hotTenants() const { return m_hotTenants; }

    void showSample(const MetricSample& sample);
    void showDown(int endpointId, const QString& error);
    // Draws one frame: a point per line at nowMs, the window moved on, the hot tenants re-ranked.
    // Runs every poll interval while visible.
    void drawFrame(qint64 nowMs);

signals:
    // An endpoint's health as its latest sample (or failure) shows it; the fleet tree follows it.
    void healthChanged(int endpointId, const EndpointHealth& health);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* buildCharts();
    QWidget* buildBottom();
    qint64 bucketMs() const;
    void loadHistory();
    void showHistory(const QHash<int, QList<HistoryPoint>>& history);
    void updateStatus();
    // Gives the health table the height of its rows (up to a dozen), and the charts the rest.
    void fitHealthTable();
    void emitHealth(int endpointId);

    QComboBox* m_windowBox;
    QComboBox* m_intervalBox; // the poll interval, a setting kept across runs
    QLabel* m_status;
    QTableView* m_healthView;
    DashboardHealthModel* m_health;
    FleetLineChart* m_tpsChart;
    FleetLineChart* m_connectionsChart;
    FleetLineChart* m_lagChart;
    ShardBarChart* m_tenantsChart;
    ShardBarChart* m_storageChart;
    QTableView* m_hotView;
    HotTenantsModel* m_hotTenants;
    QLabel* m_unmeasurable;

    QList<MetricTarget> m_targets;
    QHash<int, QList<int>> m_endpointsOfShard; // shard id -> endpoint ids
    QList<int> m_shardIds;                     // in bar order
    QHash<int, MetricSample> m_latest;         // endpoint id -> latest sample, while up
    std::unique_ptr<MetricsRecorder> m_recorder;
    std::unique_ptr<MetricsPoller> m_poller;
    void loadFleet();
    void showLoadedFleet(const QList<MetricTarget>& targets);
    // The endpoints in the views: the lines, the bars, the health and hot tenants tables.
    void showTargets(const QList<MetricTarget>& targets);

    ConnectionParams m_catalog; // opened, its fleet not read yet
    FleetMetricsLoader* m_loader;
    QTimer m_frameTimer;
    Window m_window = Window::FiveMinutes;
    Generation m_historyReads; // a window change makes history still being read stale
    QString m_problem;         // shown in the status line
};
