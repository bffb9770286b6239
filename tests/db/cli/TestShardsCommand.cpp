#include "ScratchDatabase.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "catalog/CatalogMigrator.h"
#include "pg/PgConnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// `tenantctl shards` and `tenantctl fleet roles` as a user runs them, on a scratch catalog: the
// shape registered from nothing, listed as JSON, checked; bad usage exits 2, refusals exit 1 with
// the reason, and neither writes anything.
class TestShardsCommand : public QObject {
    Q_OBJECT

    ScratchDatabase m_db{QStringLiteral("shardscli")};

    TenantctlProcess tenantctl(const QStringList& args)
    {
        return TenantctlProcess::runOn(m_db.params().toConnectionString(), args);
    }
    QJsonArray listed()
    {
        const TenantctlProcess list = tenantctl(
            {QStringLiteral("shards"), QStringLiteral("list"), QStringLiteral("--json")});
        return QJsonDocument::fromJson(list.out).array();
    }

private slots:
    void initTestCase()
    {
        PgConnection c;
        c.open(m_db.params());
        CatalogMigrator::migrate(c);
    }

    void registersAFleetFromNothing()
    {
        const QString host = TestFleet::catalogParams().value("host");
        const QString port = QString::number(TestFleet::state().primary(2).port);
        TenantctlProcess add = tenantctl({QStringLiteral("shards"), QStringLiteral("add"), QStringLiteral("eu-1"),
                                          QStringLiteral("--capacity"), QStringLiteral("500")});
        QVERIFY2(add.exitCode == 0, add.err.constData());
        TenantctlProcess endpoint = tenantctl({QStringLiteral("shards"), QStringLiteral("endpoint-add"),
                                               QStringLiteral("eu-1"), QStringLiteral("--host"), host,
                                               QStringLiteral("--port"), port});
        QVERIFY2(endpoint.exitCode == 0, endpoint.err.constData());

        const QJsonArray shards = listed();
        QCOMPARE(shards.size(), 1);
        const QJsonObject eu = shards.first().toObject();
        QCOMPARE(eu.value(QStringLiteral("name")).toString(), QStringLiteral("eu-1"));
        QCOMPARE(eu.value(QStringLiteral("capacity")).toInt(), 500);
        // No --database: the maintenance database every server has, not a sandbox name.
        QCOMPARE(eu.value(QStringLiteral("tenant_database")).toString(), QStringLiteral("postgres"));
        const QJsonObject primary = eu.value(QStringLiteral("endpoints")).toArray().first().toObject();
        QCOMPARE(primary.value(QStringLiteral("role")).toString(), QStringLiteral("primary"));
        QCOMPARE(primary.value(QStringLiteral("port")).toInt(), port.toInt());
        QCOMPARE(primary.value(QStringLiteral("pooling")).toString(), QStringLiteral("none"));

        const TenantctlProcess check = tenantctl(
            {QStringLiteral("shards"), QStringLiteral("check"), QStringLiteral("eu-1"), QStringLiteral("--json")});
        QVERIFY2(check.exitCode == 0, check.out.constData());
        QVERIFY(QJsonDocument::fromJson(check.out).object().value(QStringLiteral("ok")).toBool());
        const TenantctlProcess plan = tenantctl(
            {QStringLiteral("shards"), QStringLiteral("prepare"), QStringLiteral("eu-1"), QStringLiteral("--plan")});
        QCOMPARE(plan.exitCode, 0);
        QVERIFY(plan.outText().contains(QStringLiteral("Nothing to do")));

        const TenantctlProcess edit = tenantctl({QStringLiteral("shards"), QStringLiteral("endpoint-edit"),
                                                 QStringLiteral("eu-1"), host + u':' + port,
                                                 QStringLiteral("--pooling"), QStringLiteral("transaction")});
        QVERIFY2(edit.exitCode == 0, edit.err.constData());
        QCOMPARE(listed()
                     .first()
                     .toObject()
                     .value(QStringLiteral("endpoints"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("pooling")),
                 QStringLiteral("transaction"));
    }

    void refusalsAndBadUsageWriteNothing()
    {
        const QJsonArray before = listed();
        const TenantctlProcess port = tenantctl({QStringLiteral("shards"), QStringLiteral("endpoint-add"),
                                                 QStringLiteral("eu-1"), QStringLiteral("--host"),
                                                 QStringLiteral("db2"), QStringLiteral("--port"), QStringLiteral("x")});
        QCOMPARE(port.exitCode, 2);
        const TenantctlProcess second = tenantctl({QStringLiteral("shards"), QStringLiteral("endpoint-add"),
                                                   QStringLiteral("eu-1"), QStringLiteral("--host"),
                                                   QStringLiteral("db2")});
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(second.errText().contains(QStringLiteral("already has a primary")), second.err.constData());
        const TenantctlProcess noShard = tenantctl(
            {QStringLiteral("shards"), QStringLiteral("retire"), QStringLiteral("nowhere")});
        QCOMPARE(noShard.exitCode, 1);
        QVERIFY(noShard.errText().contains(QStringLiteral("There is no shard \"nowhere\"")));
        const TenantctlProcess action = tenantctl({QStringLiteral("shards"), QStringLiteral("frobnicate")});
        QCOMPARE(action.exitCode, 2);
        QCOMPARE(listed(), before);
    }

    void fleetRolesAreShownAndSet()
    {
        const TenantctlProcess set = tenantctl({QStringLiteral("fleet"), QStringLiteral("roles"),
                                                QStringLiteral("--app"), QStringLiteral("web"), QStringLiteral("--app"),
                                                QStringLiteral("worker"), QStringLiteral("--json")});
        QVERIFY2(set.exitCode == 0, set.err.constData());
        const QJsonObject roles = QJsonDocument::fromJson(set.out).object();
        QCOMPARE(roles.value(QStringLiteral("apps")).toArray(),
                 QJsonArray({QStringLiteral("web"), QStringLiteral("worker")}));
        QCOMPARE(roles.value(QStringLiteral("owner")).toString(), QStringLiteral("tenantdesk_owner"));
        const TenantctlProcess bad = tenantctl(
            {QStringLiteral("fleet"), QStringLiteral("roles"), QStringLiteral("--support"), QStringLiteral("pg_x")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.errText().contains(QStringLiteral("reserved")));
    }
};

QTEST_GUILESS_MAIN(TestShardsCommand)
#include "TestShardsCommand.moc"
