#include "ScratchDatabase.h"
#include "TestFleet.h"
#include "ThrowawayServer.h"
#include "catalog/CatalogMigrator.h"
#include "fleet/CatalogConnection.h"
#include "fleet/ShardTableModel.h"
#include "fleet/TenantTableModel.h"
#include "metrics/FleetMetricsLoader.h"
#include "metrics/MetricsPoller.h"
#include "pg/PgConnection.h"
#include "ui/dashboard/DashboardWidget.h"

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

// The Load tab follows the catalog: an endpoint whose port changes (by anyone: here a plain UPDATE,
// as another console would) is polled at its new port by the same poller, without a restart, and
// one removed is no longer polled. The change reaches the tab as it reaches the main window's
// tab: through the open catalog's CatalogConnection::fleetShapeChanged, the one watch of the
// fleet. On a catalog of the test's own (a scratch database migrated to the latest version),
// whose one endpoint first points at a throwaway server and then at shard 1 of the sandbox: each
// sample's databases say which server answered.
class TestDashboardFollowsFleet : public QObject {
    Q_OBJECT

private:
    static bool hasDatabase(const MetricSample& sample, const QString& name)
    {
        return std::any_of(sample.databases.begin(), sample.databases.end(),
                           [&](const MetricSample::Database& d) { return d.name == name; });
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // openCatalog's history goes to a test location
    }

    void cleanupTestCase()
    {
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/metrics"))
            .removeRecursively();
    }

    void anEndpointMovedInTheCatalogIsPolledAtItsNewPort()
    {
        const ConnectionParams base = TestFleet::catalogParams().withSafeDefaults();
        ThrowawayServer first(base.value("user"));
        const ConnectionParams shard = TestFleet::shardParams(1);
        const int shardPort = shard.value("port").toInt();
        const QString shardDatabase = shard.value("dbname");

        ScratchDatabase scratch(QStringLiteral("pollfollow"));
        PgConnection catalog;
        catalog.open(scratch.params().withSafeDefaults());
        CatalogMigrator::migrate(catalog);
        // Sampled in its tenant database: 'postgres' first (all the throwaway server has), then the
        // shard's, which only the sandbox's server has.
        const int shardId = int(catalog
                                    .exec(QStringLiteral("INSERT INTO tenantdesk.shards (name, tenant_database) "
                                                         "VALUES ('moving', 'postgres') RETURNING id"))
                                    .toInt(0, 0));
        const int endpointId = int(
            catalog
                .exec(QStringLiteral("INSERT INTO tenantdesk.endpoints (shard_id, role, host, port) "
                                     "VALUES ($1, 'primary', '127.0.0.1', $2) RETURNING id"),
                      {shardId, first.port()})
                .toInt(0, 0));

        TenantTableModel tenants;
        ShardTableModel shards;
        CatalogConnection open(&tenants, &shards);
        QSignalSpy opened(&open, &CatalogConnection::loaded);
        open.open(scratch.params());
        QVERIFY(opened.wait(15000));
        QSignalSpy shapeChanged(&open, &CatalogConnection::fleetShapeChanged);

        DashboardWidget dashboard;
        dashboard.followFleet(&open);
        dashboard.resize(1200, 800);
        dashboard.openCatalog(scratch.params());
        dashboard.show();
        QTRY_VERIFY_WITH_TIMEOUT(dashboard.poller() != nullptr, 15000);
        MetricsPoller* poller = dashboard.poller();
        poller->setInterval(300);
        QList<MetricSample> samples;
        connect(poller, &MetricsPoller::sampled, this, [&](const MetricSample& s) {
            if (s.endpointId == endpointId)
                samples.append(s);
        });
        QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty(), 15000);
        QVERIFY(!hasDatabase(samples.last(), shardDatabase));

        // Moved, as another admin would move it.
        catalog.exec(QStringLiteral("UPDATE tenantdesk.endpoints SET port = $1 WHERE id = $2"),
                     {shardPort, endpointId});
        catalog.exec(QStringLiteral("UPDATE tenantdesk.shards SET tenant_database = $1 WHERE id = $2"),
                     {shardDatabase, shardId});
        QTRY_VERIFY_WITH_TIMEOUT(!samples.isEmpty() && hasDatabase(samples.last(), shardDatabase), 15000);
        QVERIFY(!shapeChanged.isEmpty());
        QCOMPARE(dashboard.poller(), poller); // the same poller: no restart
        QCOMPARE(poller->targets().size(), 1);
        QCOMPARE(poller->targets().constFirst().endpoint.port, shardPort);
        QCOMPARE(dashboard.targets().constFirst().endpoint.port, shardPort);

        // Removed: no longer polled.
        catalog.exec(QStringLiteral("DELETE FROM tenantdesk.endpoints WHERE id = $1"), {endpointId});
        QTRY_VERIFY_WITH_TIMEOUT(poller->targets().isEmpty(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(poller->inFlight(), 0, 5000);
        const qsizetype count = samples.size();
        QTest::qWait(1000);
        QCOMPARE(samples.size(), count);
    }
};

QTEST_MAIN(TestDashboardFollowsFleet)
#include "TestDashboardFollowsFleet.moc"
