#include "TestFleet.h"
#include "metrics/MetricTargetLoader.h"
#include "metrics/MetricsPoller.h"
#include "pg/PgConnection.h"
#include "ui/dashboard/DashboardWidget.h"
#include "ui/dashboard/FleetLineChart.h"
#include "ui/dashboard/HotTenantsModel.h"
#include "ui/dashboard/ShardBarChart.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The dashboard on the sandbox, offscreen: a real poller feeds its charts, health and hot
// tenants; hidden, it stops polling; opened again, it shows its history at once.
class TestDashboard : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ConnectionParams m_base;
    QList<MetricTarget> m_targets;

    QString historyPath() const { return m_dir.filePath(QStringLiteral("history.sqlite")); }

    int firstShard() const { return m_targets.constFirst().endpoint.shardId; }
    int replicaId() const
    {
        for (const MetricTarget& t : m_targets) {
            if (!t.endpoint.isPrimary())
                return t.endpoint.id;
        }
        return -1;
    }

    std::unique_ptr<MetricsPoller> fastPoller() const
    {
        auto poller = std::make_unique<MetricsPoller>(m_base, m_targets);
        poller->setInterval(300);
        poller->setTenantsEvery(1);
        return poller;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QStandardPaths::setTestModeEnabled(true); // openCatalog's history goes to a test location
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        m_base = catalog.params();
        m_targets = MetricTargetLoader::load(catalog);
        QVERIFY(m_targets.size() >= 3);
        QVERIFY(replicaId() > 0);
    }

    void cleanupTestCase()
    {
        // The history openCatalog kept, in the test location.
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/metrics"))
            .removeRecursively();
    }

    void opensTheCatalogAndDrawsLiveCharts()
    {
        DashboardWidget dashboard;
        dashboard.resize(1300, 850);
        dashboard.openCatalog(TestFleet::catalogParams());
        dashboard.show();
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.poller() != nullptr, 15000);
        QCOMPARE(dashboard.targets().size(), m_targets.size());
        QVERIFY(!dashboard.poller()->isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.tpsChart()->pointCount(firstShard()) >= 2, 30000);
        QVERIFY(dashboard.connectionsChart()->pointCount(firstShard()) >= 2);
        QVERIFY(dashboard.lagChart()->pointCount(replicaId()) >= 1);
        QCOMPARE(dashboard.tenantsChart()->shardCount(), dashboard.storageChart()->shardCount());
        QVERIFY(dashboard.tenantsChart()->value(0, 0) + dashboard.tenantsChart()->value(0, 1)
                    + dashboard.tenantsChart()->value(0, 2)
                > 0);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.storageChart()->value(0, 0) > 0, 30000);
        for (const MetricTarget& t : m_targets) {
            const EndpointHealth health = dashboard.health(t.endpoint.id);
            QVERIFY2(health.state() == HealthState::Ok || health.state() == HealthState::Warning,
                     qPrintable(t.label() + QStringLiteral(": ") + health.reason()));
            QVERIFY(dashboard.healthColor(t.endpoint.id) != QColor(0x9e, 0x9e, 0x9e));
        }
        const auto* status = dashboard.findChild<QLabel*>(QStringLiteral("dashboardStatus"));
        QVERIFY(status && status->text().contains(QLatin1String("polled every")));
    }

    void hiddenItDoesNotPoll()
    {
        DashboardWidget dashboard;
        dashboard.setFleet(m_targets, fastPoller(), historyPath());
        MetricsPoller* poller = dashboard.poller();
        QVERIFY(poller->isPaused()); // not shown yet
        QSignalSpy samples(poller, &MetricsPoller::sampled);
        dashboard.show();
        QVERIFY(!poller->isPaused());
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() >= 2 * m_targets.size(), 15000);
        dashboard.hide();
        QVERIFY(poller->isPaused());
        QTRY_COMPARE_WITH_TIMEOUT(poller->inFlight(), 0, 5000);
        const qsizetype atHide = samples.size();
        QTest::qWait(1500);
        QCOMPARE(samples.size(), atHide);
        dashboard.show();
        QTRY_VERIFY_WITH_TIMEOUT(samples.size() > atHide, 5000);
    }

    void theBusiestTenantIsAmongTheHotOnes()
    {
        // A schema tenant of the first shard, and its biggest table to read.
        const MetricTarget& primary = m_targets.constFirst();
        QVERIFY(primary.endpoint.isPrimary());
        const auto schemaTenant = std::find_if(primary.tenants.begin(), primary.tenants.end(),
                                               [](const MetricTenant& t) { return t.model == IsolationModel::Schema; });
        QVERIFY(schemaTenant != primary.tenants.end());
        PgConnection shard;
        shard.open(m_base.withEndpoint(primary.endpoint.host, primary.endpoint.port, primary.tenantDatabase));
        const PgResult tables = shard.exec(
            QStringLiteral(
                "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.reltuples DESC LIMIT 1"),
            {schemaTenant->objectName});
        QCOMPARE(tables.rows(), 1);
        const QString table = shard.quoteIdentifier(schemaTenant->objectName) + u'.'
                              + shard.quoteIdentifier(tables.text(0, 0));

        DashboardWidget dashboard;
        QAbstractItemModelTester tester(dashboard.hotTenants(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        dashboard.setFleet(m_targets, fastPoller(), historyPath());
        dashboard.show();
        auto isHot = [&] {
            const HotTenantsModel* model = dashboard.hotTenants();
            for (int row = 0; row < model->rowCount(); ++row) {
                if (model->data(model->index(row, HotTenantsModel::Tenant)).toString() == schemaTenant->slug)
                    return true;
            }
            return false;
        };
        QElapsedTimer clock;
        clock.start();
        while (!isHot() && clock.elapsed() < 20000) {
            for (int i = 0; i < 20; ++i)
                shard.exec(QStringLiteral("SELECT count(*) FROM ") + table);
            QTest::qWait(50);
        }
        QVERIFY2(isHot(), qPrintable(schemaTenant->slug + QStringLiteral(" never showed among the hot tenants")));
        const auto* note = dashboard.findChild<QLabel*>(QStringLiteral("dashboardUnmeasurable"));
        QVERIFY(note && note->text().contains(QLatin1String("not measurable")));
    }

    void historyIsBackWhenReopened()
    {
        // The dashboards above recorded into historyPath(); this one polls nothing.
        DashboardWidget dashboard;
        dashboard.setFleet(m_targets, nullptr, historyPath());
        dashboard.show();
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.connectionsChart()->pointCount(firstShard()) > 0, 10000);
        dashboard.setWindow(DashboardWidget::Window::Day);
        QCOMPARE(dashboard.connectionsChart()->windowMs(), DashboardWidget::windowMs(DashboardWidget::Window::Day));
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.connectionsChart()->pointCount(firstShard()) > 0, 10000);
        // Downsampled: never more points than the window holds.
        QVERIFY(dashboard.connectionsChart()->pointCount(firstShard()) <= DashboardWidget::pointsPerWindow + 1);
    }
};

QTEST_MAIN(TestDashboard)
#include "TestDashboard.moc"
