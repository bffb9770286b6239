#include "ScratchDatabase.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "catalog/CatalogMigrator.h"
#include "pg/PgConnection.h"

#include <QTest>

// `tenantctl top` follows the catalog while it runs: a shard renamed and an endpoint added by
// another admin show in its frames without a restart. On a scratch catalog whose one shard is the
// sandbox's shard 2.
class TestTopFollowsFleet : public QObject {
    Q_OBJECT

    ScratchDatabase m_db{QStringLiteral("topfollows")};

    TenantctlProcess tenantctl(const QStringList& args)
    {
        return TenantctlProcess::runOn(m_db.params().toConnectionString(), args);
    }
    static void succeeds(const TenantctlProcess& run) { QVERIFY2(run.exitCode == 0, run.err.constData()); }

private slots:
    void initTestCase()
    {
        PgConnection c;
        c.open(m_db.params());
        CatalogMigrator::migrate(c);
    }

    void showsAShardRenamedAndAnEndpointAddedWhileRunning()
    {
        const QString host = TestFleet::catalogParams().value("host");
        succeeds(tenantctl({QStringLiteral("shards"), QStringLiteral("add"), QStringLiteral("top-one")}));
        succeeds(tenantctl({QStringLiteral("shards"), QStringLiteral("endpoint-add"), QStringLiteral("top-one"),
                            QStringLiteral("--host"), host, QStringLiteral("--port"),
                            QString::number(TestFleet::state().primary(2).port)}));

        // 30 frames, 0.3 s apart: about 10 s, of which the changes come after the first 3.
        TenantctlProcess::Started top = TenantctlProcess::startOn(
            m_db.params().toConnectionString(),
            {QStringLiteral("top"), QStringLiteral("--interval"), QStringLiteral("0.3"), QStringLiteral("--iterations"),
             QStringLiteral("30")});
        QTest::qWait(3000);
        succeeds(tenantctl({QStringLiteral("shards"), QStringLiteral("edit"), QStringLiteral("top-one"),
                            QStringLiteral("--name"), QStringLiteral("top-renamed")}));
        // A port nothing listens on: the new row shows it down, without holding up the other.
        succeeds(tenantctl({QStringLiteral("shards"), QStringLiteral("endpoint-add"), QStringLiteral("top-renamed"),
                            QStringLiteral("--role"), QStringLiteral("replica"), QStringLiteral("--host"),
                            QStringLiteral("127.0.0.1"), QStringLiteral("--port"), QStringLiteral("1")}));

        const TenantctlProcess run = top.finish(60000);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QStringList frames = run.outText().split(QStringLiteral("tenantctl top - "), Qt::SkipEmptyParts);
        QCOMPARE(frames.size(), 30);
        QVERIFY2(frames.constFirst().contains(QStringLiteral("top-one")), qPrintable(frames.constFirst()));
        QVERIFY2(frames.constFirst().contains(QStringLiteral(", 1 endpoints")), qPrintable(frames.constFirst()));
        const QString last = frames.constLast();
        QVERIFY2(last.contains(QStringLiteral(", 2 endpoints")), qPrintable(last));
        QVERIFY2(!last.contains(QStringLiteral("top-one")), qPrintable(last));
        QVERIFY2(last.contains(QStringLiteral("127.0.0.1:1 ")) && last.contains(QStringLiteral("down")),
                 qPrintable(last));
        // The shard's primary kept being sampled, renamed: up, with figures.
        const QStringList lines = last.split(u'\n');
        const auto primary = std::find_if(lines.begin(), lines.end(), [](const QString& line) {
            return line.startsWith(QStringLiteral("top-renamed")) && line.contains(QStringLiteral("primary"));
        });
        QVERIFY2(primary != lines.end(), qPrintable(last));
        QVERIFY2(!primary->contains(QStringLiteral("down")), qPrintable(*primary));
    }
};

QTEST_MAIN(TestTopFollowsFleet)
#include "TestTopFollowsFleet.moc"
