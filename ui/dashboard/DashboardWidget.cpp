#include "ui/dashboard/DashboardWidget.h"

#include "fleet/CatalogConnection.h"
#include "metrics/FleetMetricsLoader.h"
#include "metrics/MetricsPoller.h"
#include "metrics/MetricsRecorder.h"
#include "ui/common/HealthColors.h"
#include "ui/dashboard/DashboardHealthModel.h"
#include "ui/dashboard/FleetLineChart.h"
#include "ui/dashboard/HotTenantsModel.h"
#include "ui/dashboard/ShardBarChart.h"

#include <QComboBox>
#include <QSettings>

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QMap>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <utility>

#include <algorithm>
#include <array>
#include <cmath>

namespace {

const QString IntervalKey = QStringLiteral("dashboard/intervalMs");

enum TenantSet { SchemaTenants, DatabaseTenants, SharedTenants };

const QList<int> healthNumberColumns{DashboardHealthModel::Tps, DashboardHealthModel::Connections,
                                     DashboardHealthModel::LockWaits};

// Columns as wide as their contents, numbers with room to grow to "000,000.0".
void fitColumns(QTableView* view, const QList<int>& numberColumns)
{
    view->resizeColumnsToContents();
    const int numberWidth = view->fontMetrics().horizontalAdvance(QStringLiteral("000,000.0")) + 12;
    for (int column : numberColumns)
        view->horizontalHeader()->resizeSection(column, qMax(view->columnWidth(column), numberWidth));
}

QTableView* makeTable(QAbstractItemModel* model, const QString& objectName, const QList<int>& numberColumns)
{
    auto* view = new QTableView;
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    // Sized to the contents when rows come or go, not on every change of a figure: measuring
    // every cell's text on each sample costs the GUI thread more than the rest of a tick.
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    QObject::connect(model, &QAbstractItemModel::modelReset, view,
                     [view, numberColumns] { fitColumns(view, numberColumns); });
    return view;
}

} // namespace

DashboardWidget::DashboardWidget(QWidget* parent)
    : QWidget(parent)
    , m_windowBox(new QComboBox)
    , m_intervalBox(new QComboBox)
    , m_status(new QLabel)
    , m_health(new DashboardHealthModel(this))
    , m_tpsChart(new FleetLineChart(tr("Transactions per second, by shard"), tr("tx/s"), ChartLine::Aggregate::Average))
    , m_connectionsChart(
          new FleetLineChart(tr("Client connections, by shard"), tr("connections"), ChartLine::Aggregate::Average))
    , m_lagChart(new FleetLineChart(tr("Replication lag, by replica"), tr("seconds"), ChartLine::Aggregate::Maximum))
    , m_tenantsChart(new ShardBarChart(tr("Tenants per shard"), {tr("schema"), tr("database"), tr("shared")}))
    , m_storageChart(new ShardBarChart(tr("Storage per shard (primary)"), {tr("MB")}))
    , m_hotTenants(new HotTenantsModel(this))
    , m_unmeasurable(new QLabel)
    , m_loader(new FleetMetricsLoader(this))
{
    connect(m_loader, &FleetMetricsLoader::loaded, this, &DashboardWidget::showLoadedFleet);
    connect(m_loader, &FleetMetricsLoader::failed, this, [this](const QString& problem) {
        m_problem = problem;
        updateStatus();
    });
    m_windowBox->setObjectName(QStringLiteral("dashboardWindow"));
    m_windowBox->addItems({tr("Last 5 minutes"), tr("Last hour"), tr("Last 24 hours")});
    connect(m_windowBox, &QComboBox::currentIndexChanged, this, [this](int index) { setWindow(Window(index)); });
    m_intervalBox->setObjectName(QStringLiteral("dashboardInterval"));
    for (int seconds : {1, 2, 5, 10, 30, 60})
        m_intervalBox->addItem(tr("%n second(s)", nullptr, seconds), seconds * 1000);
    const int savedMs = QSettings().value(IntervalKey, MetricsPoller::defaultIntervalMs).toInt();
    m_intervalBox->setCurrentIndex(std::max(0, m_intervalBox->findData(savedMs)));
    connect(m_intervalBox, &QComboBox::currentIndexChanged, this, [this] {
        const int ms = m_intervalBox->currentData().toInt();
        QSettings().setValue(IntervalKey, ms);
        setInterval(ms);
    });
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_tpsChart->setObjectName(QStringLiteral("dashboardTpsChart"));
    m_connectionsChart->setObjectName(QStringLiteral("dashboardConnectionsChart"));
    m_lagChart->setObjectName(QStringLiteral("dashboardLagChart"));
    m_tenantsChart->setObjectName(QStringLiteral("dashboardTenantsChart"));
    m_storageChart->setObjectName(QStringLiteral("dashboardStorageChart"));
    m_storageChart->setUnit(tr("MB"));
    m_tenantsChart->setUnit(tr("tenants"));

    auto* top = new QHBoxLayout;
    auto* windowLabel = new QLabel(tr("&Window:"));
    windowLabel->setBuddy(m_windowBox);
    top->addWidget(windowLabel);
    top->addWidget(m_windowBox);
    top->addSpacing(12);
    auto* intervalLabel = new QLabel(tr("&Sample every:"));
    intervalLabel->setBuddy(m_intervalBox);
    top->addWidget(intervalLabel);
    top->addWidget(m_intervalBox);
    top->addSpacing(12);
    top->addWidget(m_status, 1);

    m_healthView = makeTable(m_health, QStringLiteral("dashboardHealth"), healthNumberColumns);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(buildCharts());
    splitter->addWidget(buildBottom());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_healthView);
    layout->addWidget(splitter, 1);

    m_frameTimer.setInterval(MetricsPoller::defaultIntervalMs);
    connect(&m_frameTimer, &QTimer::timeout, this, [this] { drawFrame(QDateTime::currentMSecsSinceEpoch()); });
    fitHealthTable();
    setWindow(Window::FiveMinutes);
    updateStatus();
}

DashboardWidget::~DashboardWidget() = default;

QWidget* DashboardWidget::buildCharts()
{
    auto* charts = new QWidget;
    auto* layout = new QHBoxLayout(charts);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tpsChart);
    layout->addWidget(m_connectionsChart);
    layout->addWidget(m_lagChart);
    return charts;
}

QWidget* DashboardWidget::buildBottom()
{
    m_hotView = makeTable(m_hotTenants, QStringLiteral("dashboardHotTenants"),
                          {HotTenantsModel::ReadPerSec, HotTenantsModel::WrittenPerSec, HotTenantsModel::TotalPerSec});
    m_unmeasurable->setObjectName(QStringLiteral("dashboardUnmeasurable"));
    m_unmeasurable->setWordWrap(true);
    m_unmeasurable->setTextFormat(Qt::PlainText);
    auto* hot = new QWidget;
    auto* hotLayout = new QVBoxLayout(hot);
    hotLayout->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("Hottest tenants (tuples read + written per second)"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    hotLayout->addWidget(title);
    hotLayout->addWidget(m_hotView, 1);
    hotLayout->addWidget(m_unmeasurable);

    auto* bottom = new QWidget;
    auto* layout = new QHBoxLayout(bottom);
    layout->setContentsMargins(0, 0, 0, 0);
    // The tenants chart has a legend of three names to fit under it.
    layout->addWidget(m_tenantsChart, 3);
    layout->addWidget(m_storageChart, 2);
    layout->addWidget(hot, 4);
    return bottom;
}

void DashboardWidget::openCatalog(const ConnectionParams& catalog)
{
    m_catalog = catalog.withSafeDefaults();
    // Read when first shown: the fleet's tenants (100,000 of them) cost nothing until then.
    if (isVisible())
        loadFleet();
}

void DashboardWidget::followFleet(const CatalogConnection* catalog)
{
    connect(catalog, &CatalogConnection::fleetShapeChanged, m_loader, &FleetMetricsLoader::followGeneration);
}

void DashboardWidget::loadFleet()
{
    m_problem.clear();
    m_status->setText(tr("Reading the endpoints from the catalog…"));
    m_loader->load(std::exchange(m_catalog, ConnectionParams()));
}

void DashboardWidget::showLoadedFleet(const QList<MetricTarget>& targets)
{
    if (m_poller) {
        // The fleet changed while shown: the same poller, at the endpoints' new places.
        m_poller->setTargets(targets);
        showTargets(targets);
        setWindow(m_window);
        return;
    }
    auto poller = std::make_unique<MetricsPoller>(m_loader->params(), targets);
    poller->setInterval(m_intervalBox->currentData().toInt());
    setFleet(targets, std::move(poller), m_loader->historyPath());
}

void DashboardWidget::setInterval(int ms)
{
    if (!m_poller)
        return;
    m_poller->setInterval(ms);
    m_frameTimer.setInterval(m_poller->interval());
}

void DashboardWidget::setFleet(const QList<MetricTarget>& targets, std::unique_ptr<MetricsPoller> poller,
                               const QString& historyPath)
{
    m_poller.reset();
    showTargets(targets);

    m_recorder.reset();
    if (!historyPath.isEmpty()) {
        m_recorder = std::make_unique<MetricsRecorder>(historyPath);
        connect(m_recorder.get(), &MetricsRecorder::failed, this, [this](const QString& error) {
            m_problem = tr("History not kept: %1").arg(error);
            updateStatus();
        });
    }
    m_poller = std::move(poller);
    if (m_poller) {
        connect(m_poller.get(), &MetricsPoller::sampled, this, &DashboardWidget::showSample);
        connect(m_poller.get(), &MetricsPoller::endpointDown, this, &DashboardWidget::showDown);
        connect(m_poller.get(), &MetricsPoller::pausedChanged, this, &DashboardWidget::updateStatus);
        m_frameTimer.setInterval(m_poller->interval());
        if (isVisible()) {
            m_poller->resume();
            m_frameTimer.start();
        }
    }
    setWindow(m_window);
    updateStatus();
}

void DashboardWidget::showTargets(const QList<MetricTarget>& targets)
{
    m_targets = targets;
    m_latest.clear();
    m_endpointsOfShard.clear();
    m_shardIds.clear();
    m_problem.clear();

    QList<std::pair<int, QString>> shardLines;
    QList<std::pair<int, QString>> replicaLines;
    QStringList shardNames;
    for (const MetricTarget& target : targets) {
        const int shard = target.endpoint.shardId;
        if (!m_endpointsOfShard.contains(shard)) {
            m_shardIds.append(shard);
            shardNames.append(target.shardName);
            shardLines.append({shard, target.shardName});
        }
        m_endpointsOfShard[shard].append(target.endpoint.id);
        if (!target.endpoint.isPrimary())
            replicaLines.append({target.endpoint.id, target.label()});
    }
    m_tpsChart->setLines(shardLines);
    m_connectionsChart->setLines(shardLines);
    m_lagChart->setLines(replicaLines);
    m_tenantsChart->setShards(shardNames);
    m_storageChart->setShards(shardNames);
    std::array<QList<double>, IsolationModelCount> tenantCounts;
    for (int shard : std::as_const(m_shardIds)) {
        const MetricTarget& first = *std::find_if(targets.begin(), targets.end(),
                                                  [&](const MetricTarget& t) { return t.endpoint.shardId == shard; });
        std::array<int, IsolationModelCount> counts{};
        for (const MetricTenant& tenant : first.tenants)
            ++counts[size_t(tenant.model)];
        for (size_t model = 0; model < counts.size(); ++model)
            tenantCounts[model].append(counts[model]);
    }
    m_tenantsChart->setValues(SchemaTenants, tenantCounts[size_t(IsolationModel::Schema)]);
    m_tenantsChart->setValues(DatabaseTenants, tenantCounts[size_t(IsolationModel::Database)]);
    m_tenantsChart->setValues(SharedTenants, tenantCounts[size_t(IsolationModel::Shared)]);
    m_health->setTargets(targets);
    fitHealthTable();
    m_hotTenants->setTargets(targets);
    m_unmeasurable->setText(
        m_hotTenants->unmeasurableCount() > 0
            ? tr("%n shared-table tenant(s) not measurable: their rows share tables with other tenants, and "
                 "PostgreSQL counts reads and writes per table, not per row.",
                 nullptr, m_hotTenants->unmeasurableCount())
            : QString());
}

void DashboardWidget::fitHealthTable()
{
    // Every endpoint in view up to a dozen; beyond that the table scrolls and the charts keep their room.
    const int rows = qBound(1, int(m_targets.size()), 12);
    m_healthView->setFixedHeight(m_healthView->horizontalHeader()->sizeHint().height()
                                 + rows * m_healthView->verticalHeader()->defaultSectionSize()
                                 + 2 * m_healthView->frameWidth());
}

EndpointHealth DashboardWidget::health(int endpointId) const
{
    return m_health->health(endpointId);
}

QColor DashboardWidget::healthColor(int endpointId) const
{
    return HealthColors::of(health(endpointId).state());
}

qint64 DashboardWidget::windowMs(Window window)
{
    switch (window) {
    case Window::OneHour:
        return 3600 * 1000;
    case Window::Day:
        return 24 * 3600 * 1000;
    case Window::FiveMinutes:
        break;
    }
    return 5 * 60 * 1000;
}

qint64 DashboardWidget::bucketMs() const
{
    // One point per poll over short windows; over long ones the width of a pixel or so.
    const int interval = m_poller ? m_poller->interval() : MetricsPoller::defaultIntervalMs;
    return qMax<qint64>(interval, windowMs(m_window) / pointsPerWindow);
}

void DashboardWidget::setWindow(Window window)
{
    m_window = window;
    if (m_windowBox->currentIndex() != int(window))
        m_windowBox->setCurrentIndex(int(window)); // comes back here through the signal
    for (FleetLineChart* chart : {m_tpsChart, m_connectionsChart, m_lagChart})
        chart->setWindow(windowMs(window), bucketMs());
    loadHistory();
    drawFrame(QDateTime::currentMSecsSinceEpoch());
}

void DashboardWidget::loadHistory()
{
    const Generation::Ticket read = m_historyReads.next();
    if (!m_recorder || m_targets.isEmpty())
        return;
    QList<int> ids;
    for (const MetricTarget& target : std::as_const(m_targets))
        ids.append(target.endpoint.id);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 span = windowMs(m_window);
    m_recorder->load(ids, now - span, now, int(span / bucketMs()), this,
                     [this, read](const MetricsRecorder::History& history) {
                         if (read.isCurrent()) // else read for a window no longer shown
                             showHistory(history);
                     });
}

void DashboardWidget::showHistory(const QHash<int, QList<HistoryPoint>>& history)
{
    using Figure = MetricSample::Figure;
    // Shard lines add up their endpoints bucket by bucket: every endpoint's buckets start at
    // the same time, so equal timestamps are the same bucket.
    auto shardPoints = [&](int shard, Figure figure) {
        QMap<qint64, double> sums;
        for (int endpoint : m_endpointsOfShard.value(shard)) {
            for (const HistoryPoint& point : history.value(endpoint)) {
                const double value = point.averageOf(figure);
                if (!std::isnan(value))
                    sums[point.timestampMs] += value;
            }
        }
        QList<QPointF> points;
        points.reserve(sums.size());
        for (auto it = sums.constBegin(); it != sums.constEnd(); ++it)
            points.append(QPointF(double(it.key()), it.value()));
        return points;
    };
    for (int shard : std::as_const(m_shardIds)) {
        m_tpsChart->prependHistory(shard, shardPoints(shard, Figure::Tps));
        m_connectionsChart->prependHistory(shard, shardPoints(shard, Figure::Connections));
    }
    for (const MetricTarget& target : std::as_const(m_targets)) {
        if (target.endpoint.isPrimary())
            continue;
        QList<QPointF> points;
        for (const HistoryPoint& point : history.value(target.endpoint.id)) {
            const double lag = point.maximumOf(Figure::LagSeconds);
            if (!std::isnan(lag))
                points.append(QPointF(double(point.timestampMs), lag));
        }
        m_lagChart->prependHistory(target.endpoint.id, points);
    }
    drawFrame(QDateTime::currentMSecsSinceEpoch());
}

void DashboardWidget::showSample(const MetricSample& sample)
{
    m_latest.insert(sample.endpointId, sample);
    if (m_recorder)
        m_recorder->record(sample);
    m_hotTenants->addSample(sample);
    if (m_health->setSample(sample)) {
        emitHealth(sample.endpointId);
        fitColumns(m_healthView, healthNumberColumns);
    }
    if (sample.totalSizeBytes >= 0) {
        const int row = m_health->rowOf(sample.endpointId);
        const MetricTarget* target = row >= 0 ? &m_targets.at(row) : nullptr;
        if (target && target->endpoint.isPrimary())
            m_storageChart->setValue(int(m_shardIds.indexOf(target->endpoint.shardId)), 0,
                                     double(sample.totalSizeBytes) / (1024.0 * 1024.0));
    }
}

void DashboardWidget::showDown(int endpointId, const QString& error)
{
    m_latest.remove(endpointId);
    m_hotTenants->forgetEndpoint(endpointId);
    if (m_health->setDown(endpointId, error)) {
        emitHealth(endpointId);
        fitColumns(m_healthView, healthNumberColumns);
    }
}

void DashboardWidget::emitHealth(int endpointId)
{
    emit healthChanged(endpointId, health(endpointId));
}

void DashboardWidget::drawFrame(qint64 nowMs)
{
    using Figure = MetricSample::Figure;
    for (int shard : std::as_const(m_shardIds)) {
        double tps = 0;
        double connections = 0;
        int withRates = 0;
        int up = 0;
        for (int endpoint : m_endpointsOfShard.value(shard)) {
            const auto it = m_latest.constFind(endpoint);
            if (it == m_latest.constEnd())
                continue;
            ++up;
            connections += it->connections;
            if (it->hasRates) {
                ++withRates;
                tps += it->figure(Figure::Tps);
            }
        }
        // A shard with no endpoint answering gets no point, rather than a misleading zero.
        if (withRates > 0)
            m_tpsChart->add(shard, nowMs, tps);
        if (up > 0)
            m_connectionsChart->add(shard, nowMs, connections);
    }
    for (const MetricSample& sample : std::as_const(m_latest)) {
        if (m_lagChart->hasLine(sample.endpointId))
            m_lagChart->add(sample.endpointId, nowMs, sample.lagSeconds);
    }
    for (FleetLineChart* chart : {m_tpsChart, m_connectionsChart, m_lagChart})
        chart->advance(nowMs);
    m_hotTenants->refresh();
}

void DashboardWidget::updateStatus()
{
    QString text;
    if (!m_problem.isEmpty())
        text = m_problem;
    else if (m_targets.isEmpty())
        text = tr("No endpoints to show yet.");
    else if (!m_poller)
        text = tr("%n endpoint(s)", nullptr, int(m_targets.size()));
    else if (m_poller->isPaused())
        text = tr("%n endpoint(s), polling paused while the dashboard is hidden", nullptr, int(m_targets.size()));
    else
        text = tr("%n endpoint(s), polled every %1 s", nullptr, int(m_targets.size()))
                   .arg(double(m_poller->interval()) / 1000.0);
    m_status->setText(text);
}

void DashboardWidget::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_catalog.isEmpty())
        loadFleet();
    if (m_poller) {
        m_poller->resume();
        m_frameTimer.start();
    }
    m_loader->setFollowing(true);
}

void DashboardWidget::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    // Hidden charts cost the fleet nothing.
    if (m_poller)
        m_poller->pause();
    m_loader->setFollowing(false);
    m_frameTimer.stop();
    if (m_recorder)
        m_recorder->flush();
}
