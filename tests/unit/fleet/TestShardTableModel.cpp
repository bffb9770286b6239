#include "fleet/ShardTableModel.h"

#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The endpoints table: one row per endpoint, status columns filled in as probes report.
class TestShardTableModel : public QObject {
    Q_OBJECT

private:
    static QList<ShardInfo> makeShards()
    {
        ShardInfo a;
        a.id = 1;
        a.name = QStringLiteral("shard-1");
        a.tenantsByState[int(TenantState::Active)] = 1200;
        a.tenantsByState[int(TenantState::Suspended)] = 34;
        a.endpoints = {{10, 1, EndpointInfo::Role::Primary, QStringLiteral("db1.example.com"), 5432, 5},
                       {11, 1, EndpointInfo::Role::Replica, QStringLiteral("db1r.example.com"), 5432, 5}};
        ShardInfo b;
        b.id = 2;
        b.name = QStringLiteral("shard-2");
        b.endpoints = {{20, 2, EndpointInfo::Role::Primary, QStringLiteral("db2.example.com"), 6432, 5}};
        return {a, b};
    }

    static QString cell(const ShardTableModel& model, int row, ShardTableModel::Column column)
    {
        return model.index(row, column).data().toString();
    }

private slots:
    void listsEveryEndpoint()
    {
        ShardTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setShards(makeShards());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ShardTableModel::ColumnCount));
        QCOMPARE(model.headerData(ShardTableModel::Lag, Qt::Horizontal).toString(), QStringLiteral("Lag"));
        QCOMPARE(cell(model, 1, ShardTableModel::Shard), QStringLiteral("shard-1"));
        QCOMPARE(cell(model, 1, ShardTableModel::Role), QStringLiteral("replica"));
        QCOMPARE(cell(model, 2, ShardTableModel::Endpoint), QStringLiteral("db2.example.com:6432"));
        QCOMPARE(cell(model, 0, ShardTableModel::Status), QStringLiteral("checking…"));
        QCOMPARE(cell(model, 0, ShardTableModel::Tenants), QLocale().toString(1234));
        QCOMPARE(model.index(2, 0).data(ShardTableModel::EndpointIdRole).toInt(), 20);
        QCOMPARE(model.index(2, 0).data(ShardTableModel::ShardIdRole).toInt(), 2);
        QCOMPARE(model.rowOfEndpoint(11), 1);
    }

    void fillsInProbeResults()
    {
        ShardTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setShards(makeShards());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        EndpointStatus replica;
        replica.reachable = true;
        replica.inRecovery = true;
        replica.lagSeconds = 0.25;
        replica.serverVersion = QStringLiteral("15.4");
        replica.databaseBytes = 8 * 1024 * 1024;
        model.setEndpointStatus(11, replica);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(cell(model, 1, ShardTableModel::Status), QStringLiteral("up"));
        QCOMPARE(cell(model, 1, ShardTableModel::Lag), QStringLiteral("%1 s").arg(QLocale().toString(0.3, 'f', 1)));
        QCOMPARE(cell(model, 1, ShardTableModel::Version), QStringLiteral("15.4"));
        QCOMPARE(cell(model, 1, ShardTableModel::Size), QLocale().formattedDataSize(8 * 1024 * 1024));
        QCOMPARE(HealthState(model.index(1, 0).data(ShardTableModel::HealthRole).toInt()), HealthState::Ok);

        EndpointStatus down;
        down.error = QStringLiteral("could not connect: Connection refused");
        model.setEndpointStatus(20, down);
        QCOMPARE(cell(model, 2, ShardTableModel::Status), QStringLiteral("down"));
        QCOMPARE(cell(model, 2, ShardTableModel::Size), QString());
        QCOMPARE(model.health(20), HealthState::Down);
        QCOMPARE(model.index(2, ShardTableModel::Status).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("primary db2.example.com:6432 is down: could not connect: Connection refused"));
        QCOMPARE(model.health(10), HealthState::Unknown);

        model.setEndpointStatus(99, down); // not listed: remembered, no signal
        QCOMPARE(changed.count(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.health(20), HealthState::Unknown);
    }

    // The load dashboard's samples are newer than the probe made at refresh: they decide, until
    // the next probe.
    void followsTheDashboardsHealthWhenNewer()
    {
        ShardTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setShards(makeShards());
        EndpointStatus probed;
        probed.error = QStringLiteral("Connection refused");
        probed.probedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        model.setEndpointStatus(11, probed);
        QCOMPARE(model.health(11), HealthState::Down);

        MetricTarget replica;
        replica.endpoint = makeShards().constFirst().endpoints.at(1);
        MetricSample sample;
        sample.up = true;
        sample.inRecovery = true;
        sample.lagSeconds = 0.5;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setLiveHealth(11, EndpointHealth::of(replica, sample));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.health(11), HealthState::Ok);
        QCOMPARE(cell(model, 1, ShardTableModel::Status), QStringLiteral("up"));

        sample.lagSeconds = 60; // more than the endpoint's 5 s
        model.setLiveHealth(11, EndpointHealth::of(replica, sample));
        QCOMPARE(model.health(11), HealthState::Warning);
        QCOMPARE(cell(model, 1, ShardTableModel::Status), QStringLiteral("warning"));
        const QString why = model.index(1, ShardTableModel::Status).data(Qt::ToolTipRole).toString();
        QVERIFY2(why.startsWith(QStringLiteral("replica db1r.example.com:5432 is warning: replay lag 60.0 s")),
                 qPrintable(why));

        model.setLiveHealth(11, EndpointHealth::down(QStringLiteral("server closed the connection")));
        QCOMPARE(model.health(11), HealthState::Down);

        // A probe after the sample (Refresh) decides again.
        EndpointStatus up;
        up.reachable = true;
        up.probedAt = QDateTime::currentDateTimeUtc().addSecs(1);
        model.setEndpointStatus(11, up);
        QCOMPARE(model.health(11), HealthState::Ok);
    }
};

QTEST_GUILESS_MAIN(TestShardTableModel)
#include "TestShardTableModel.moc"
