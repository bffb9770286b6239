#include "TestFleet.h"
#include "catalog/CatalogClient.h"
#include "fleet/EndpointProbe.h"
#include "fleet/FleetProber.h"
#include "pg/PgConnection.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

// Probing every endpoint of the sandbox fleet at once, with a dead and a silent endpoint among
// them that must not hold up the others.
class TestFleetProbe : public QObject {
    Q_OBJECT

    QList<ShardInfo> m_shards;
    int m_endpoints = 0;

    // Endpoint ids far from the catalog's, for endpoints that exist only in this test.
    static constexpr int ClosedId = 900001;
    static constexpr int SilentId = 900002;

    static int closedPort()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost))
            qFatal("cannot listen on 127.0.0.1");
        return server.serverPort();
    }

    // The fleet plus a shard whose primary is down and whose replica accepts but never answers.
    QList<ShardInfo> withBrokenShard(int silentPort) const
    {
        ShardInfo broken;
        broken.id = 900000;
        broken.name = QStringLiteral("broken");
        broken.tenantDatabase = QStringLiteral("tenants");
        broken.endpoints = {
            {ClosedId, broken.id, EndpointInfo::Role::Primary, QStringLiteral("127.0.0.1"), closedPort(), 5},
            {SilentId, broken.id, EndpointInfo::Role::Replica, QStringLiteral("127.0.0.1"), silentPort, 5}};
        // The broken shard first, so that its probes start first.
        return QList<ShardInfo>{broken} + m_shards;
    }

    struct Arrival {
        EndpointStatus status;
        qint64 ms;
    };

private slots:
    void initTestCase()
    {
        PgConnection c;
        c.open(TestFleet::catalogParams().withSafeDefaults());
        m_shards = CatalogClient::loadShards(c);
        // Only the sandbox's own shards: other tests register shards of theirs in the shared
        // catalog while this one runs, some behind proxies or without a password.
        m_shards.removeIf([](const ShardInfo& s) {
            return s.name != QLatin1String("shard-1") && s.name != QLatin1String("shard-2");
        });
        for (const ShardInfo& shard : std::as_const(m_shards))
            m_endpoints += int(shard.endpoints.size());
        QVERIFY(m_endpoints >= 3);
    }

    void everySandboxEndpointIsUp()
    {
        FleetProber prober;
        QSignalSpy probed(&prober, &FleetProber::endpointProbed);
        QSignalSpy finished(&prober, &FleetProber::finished);
        prober.probe(TestFleet::catalogParams(), m_shards);
        QVERIFY(prober.isRunning());
        QVERIFY(finished.wait(20000));
        QVERIFY(!prober.isRunning());
        QCOMPARE(probed.size(), m_endpoints);
        QHash<int, EndpointStatus> byId;
        for (const QList<QVariant>& args : std::as_const(probed))
            byId.insert(args.at(0).toInt(), args.at(1).value<EndpointStatus>());
        for (const ShardInfo& shard : std::as_const(m_shards)) {
            for (const EndpointInfo& e : shard.endpoints) {
                QVERIFY(byId.contains(e.id));
                const EndpointStatus& s = byId[e.id];
                QVERIFY2(s.reachable, qPrintable(s.error));
                QVERIFY(s.error.isEmpty());
                QCOMPARE(s.inRecovery, !e.isPrimary());
                QVERIFY(s.serverVersion.startsWith(QLatin1String("15.")));
                QVERIFY(s.databaseBytes > 0);
                QVERIFY(s.roundTripMs > 0);
                QVERIFY(s.connectMs > 0);
                QVERIFY(s.probedAt.isValid());
                if (e.isPrimary()) {
                    QCOMPARE(s.lagSeconds, std::optional<double>(0));
                } else if (s.lagSeconds) {
                    QVERIFY(*s.lagSeconds >= 0);
                }
            }
        }
        QCOMPARE(finished.size(), 1);
    }

    void sizeIsTheShardsTenantDatabase()
    {
        // Not the server's sum: that costs a probe a walk of every database's files.
        const ShardInfo& shard = m_shards.constFirst();
        PgConnection c;
        c.open(TestFleet::shardParams(shard.name == QLatin1String("shard-1") ? 1 : 2).withSafeDefaults());
        const PgResult sizes = c.exec(
            "SELECT pg_catalog.pg_database_size($1::text), "
            "(SELECT sum(pg_catalog.pg_database_size(oid))::bigint FROM pg_catalog.pg_database)",
            {shard.tenantDatabase});
        const qint64 own = sizes.toInt(0, 0), server = sizes.toInt(0, 1);
        QVERIFY(server > own);
        const EndpointStatus s = EndpointProbe::probe(TestFleet::catalogParams(), shard.primary()->host,
                                                      shard.primary()->port, shard.tenantDatabase,
                                                      shard.primary()->pooling);
        QVERIFY2(s.reachable, qPrintable(s.error));
        // Other tests write to it meanwhile, a few hundred kB a tenant; the server holds 3 more
        // databases of 7 MB at least (postgres, template0, template1).
        QVERIFY2(qAbs(s.databaseBytes - own) < 4 * 1024 * 1024,
                 qPrintable(QStringLiteral("%1 against %2").arg(s.databaseBytes).arg(own)));
    }

    void downEndpointsDoNotDelayTheOthers()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        FleetProber prober;
        QHash<int, Arrival> arrivals;
        QElapsedTimer timer;
        connect(&prober, &FleetProber::endpointProbed, this, [&](int id, const EndpointStatus& status) {
            arrivals.insert(id, {status, timer.elapsed()});
        });
        QSignalSpy finished(&prober, &FleetProber::finished);
        timer.start();
        prober.probe(TestFleet::catalogParams(), withBrokenShard(silent.serverPort()));
        QVERIFY(finished.wait(20000));
        QCOMPARE(arrivals.size(), m_endpoints + 2);

        const Arrival closed = arrivals.value(ClosedId);
        QVERIFY(!closed.status.reachable);
        QVERIFY2(closed.status.error.contains(QLatin1String("Connection refused")), qPrintable(closed.status.error));
        const Arrival hanging = arrivals.value(SilentId);
        QVERIFY(!hanging.status.reachable);
        QVERIFY2(hanging.status.error.contains(QLatin1String("timeout expired")), qPrintable(hanging.status.error));
        QVERIFY(hanging.ms >= (EndpointProbe::ConnectTimeoutSeconds - 1) * 1000);
        QVERIFY(hanging.ms < (EndpointProbe::ConnectTimeoutSeconds + 2) * 1000);
        for (const ShardInfo& shard : std::as_const(m_shards)) {
            for (const EndpointInfo& e : shard.endpoints) {
                const Arrival up = arrivals.value(e.id);
                QVERIFY2(up.status.reachable, qPrintable(up.status.error));
                QVERIFY2(up.ms < hanging.ms - 1000,
                         qPrintable(QStringLiteral("%1 ms, the silent one %2 ms").arg(up.ms).arg(hanging.ms)));
            }
        }
    }

    void aNewRoundDropsTheOldOne()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        FleetProber prober;
        QSignalSpy probed(&prober, &FleetProber::endpointProbed);
        QSignalSpy finished(&prober, &FleetProber::finished);
        prober.probe(TestFleet::catalogParams(), withBrokenShard(silent.serverPort()));
        prober.probe(TestFleet::catalogParams(), m_shards);
        QVERIFY(finished.wait(20000));
        // Long enough for the old round's silent endpoint to have reported, had it been kept.
        QTest::qWait((EndpointProbe::ConnectTimeoutSeconds + 1) * 1000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(probed.size(), m_endpoints);
        for (const QList<QVariant>& args : std::as_const(probed)) {
            QVERIFY(args.at(0).toInt() != ClosedId && args.at(0).toInt() != SilentId);
            QVERIFY(args.at(1).value<EndpointStatus>().reachable);
        }
    }

    void cancelReportsNothingMore()
    {
        FleetProber prober;
        QSignalSpy probed(&prober, &FleetProber::endpointProbed);
        QSignalSpy finished(&prober, &FleetProber::finished);
        prober.probe(TestFleet::catalogParams(), m_shards);
        prober.cancel();
        QVERIFY(!prober.isRunning());
        QTest::qWait(1500);
        QCOMPARE(probed.size(), 0);
        QCOMPARE(finished.size(), 0);
    }

    void proberMayGoWhileProbesRun()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        auto* prober = new FleetProber;
        prober->probe(TestFleet::catalogParams(), withBrokenShard(silent.serverPort()));
        delete prober;
        // The probes finish on their own and report to nobody.
        QTest::qWait((EndpointProbe::ConnectTimeoutSeconds + 1) * 1000);
    }

    void emptyFleetFinishesAtOnce()
    {
        FleetProber prober;
        QSignalSpy finished(&prober, &FleetProber::finished);
        prober.probe(TestFleet::catalogParams(), {});
        QVERIFY(finished.wait(1000));
        QCOMPARE(finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFleetProbe)
#include "TestFleetProbe.moc"
