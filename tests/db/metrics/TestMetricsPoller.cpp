#include "sandbox/FreePort.h"
#include "metrics/MetricTargetLoader.h"
#include "metrics/MetricsPoller.h"
#include "pg/PgConnection.h"
#include "pg/PgInstallation.h"
#include "pg/PgServer.h"
#include "TestFleet.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// Faults seen through the poller: an endpoint that stops shows as down within two intervals and
// recovers by itself when it is back; one that hangs does not delay the others; the thread of the
// poller never waits on any of them.
//
// The victim is a server of our own (the shared sandbox must stay up for the other tests): a
// throwaway cluster on a free loopback port, run as the server user like the sandbox's, with
// trust authentication for the sandbox's admin role so that the same base parameters reach it.
class TestMetricsPoller : public QObject {
    Q_OBJECT

private:
    static constexpr int interval = 500;
    static constexpr int victimId = 9100;

    struct Victim {
        PgInstallation installation = PgInstallation::locate();
        QTemporaryDir dir{QDir::tempPath() + QStringLiteral("/tdpoll-XXXXXX")};
        int port = FreePort::pick(1).constFirst();
        PgServer server{dir.filePath(QStringLiteral("data")), port, dir.path()};
        QString log = dir.filePath(QStringLiteral("server.log"));

        void create(const QString& superuser)
        {
            installation.handOver(dir.path());
            installation.run({QStringLiteral("initdb"),
                              {QStringLiteral("--pgdata=") + server.dataDir(), QStringLiteral("--username=") + superuser,
                               QStringLiteral("--auth=trust"), QStringLiteral("--no-sync"), QStringLiteral("--no-locale"),
                               QStringLiteral("--encoding=UTF8"), QStringLiteral("--no-instructions")},
                              {},
                              QStringLiteral("initdb of the throwaway server")},
                             120000);
            server.configure({{QStringLiteral("listen_addresses"), QStringLiteral("127.0.0.1")},
                              {QStringLiteral("port"), QString::number(port)},
                              {QStringLiteral("unix_socket_directories"), dir.path()},
                              {QStringLiteral("fsync"), QStringLiteral("off")},
                              {QStringLiteral("shared_buffers"), QStringLiteral("16MB")}});
            start();
        }
        void start() { installation.run(server.start(log), 120000); }
        // As a crash would: no shutdown checkpoint, connections cut at once.
        void kill()
        {
            installation.run({QStringLiteral("pg_ctl"),
                              {QStringLiteral("stop"), QStringLiteral("--wait"), QStringLiteral("--silent"),
                               QStringLiteral("--mode=immediate"), QStringLiteral("--pgdata=") + server.dataDir()},
                              {},
                              QStringLiteral("stopping the throwaway server")},
                             60000);
        }
        ~Victim()
        {
            try {
                if (server.isRunning())
                    installation.run(server.stop(), 60000);
            } catch (const std::exception& e) {
                qWarning("could not stop the throwaway server: %s", e.what());
            }
        }
    };

    std::unique_ptr<Victim> m_victim;
    ConnectionParams m_base;
    QList<MetricTarget> m_targets;  // the sandbox's endpoints and the victim

    // Counts, per endpoint, the samples and the downs, and the longest the event loop of this
    // thread (the poller's) went without running a 10 ms timer.
    struct Watch {
        QHash<int, int> samples;
        QHash<int, int> downs;
        QHash<int, QString> lastError;
        QElapsedTimer sinceTick;
        qint64 maxStallMs = 0;
        QTimer ticker;

        explicit Watch(MetricsPoller& poller)
        {
            QObject::connect(&poller, &MetricsPoller::sampled, &ticker, [this](const MetricSample& s) { ++samples[s.endpointId]; });
            QObject::connect(&poller, &MetricsPoller::endpointDown, &ticker, [this](int id, const QString& error) {
                ++downs[id];
                lastError[id] = error;
            });
            sinceTick.start();
            QObject::connect(&ticker, &QTimer::timeout, &ticker, [this] { maxStallMs = qMax(maxStallMs, sinceTick.restart()); });
            ticker.start(10);
        }
        int othersMin(int except) const
        {
            int least = std::numeric_limits<int>::max();
            for (auto it = samples.constBegin(); it != samples.constEnd(); ++it) {
                if (it.key() != except)
                    least = qMin(least, it.value());
            }
            return least;
        }
    };

    // Waits until every endpoint has been sampled at least `count` times.
    static bool allSampled(const Watch& watch, const QList<MetricTarget>& targets, int count)
    {
        return std::all_of(targets.begin(), targets.end(),
                           [&](const MetricTarget& t) { return watch.samples.value(t.endpoint.id) >= count; });
    }

private slots:
    void initTestCase()
    {
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        m_base = catalog.params();
        m_targets = MetricTargetLoader::load(catalog);
        QVERIFY(m_targets.size() >= 3);
        m_victim = std::make_unique<Victim>();
        QVERIFY(m_victim->dir.isValid());
        m_victim->create(m_base.value("user"));
        MetricTarget victim;
        victim.endpoint.id = victimId;
        victim.endpoint.shardId = victimId;
        victim.endpoint.host = QStringLiteral("127.0.0.1");
        victim.endpoint.port = m_victim->port;
        victim.shardName = QStringLiteral("victim");
        victim.tenantDatabase = QStringLiteral("postgres");
        m_targets.append(victim);
    }

    void cleanupTestCase() { m_victim.reset(); }

    void pausedPollsNothing()
    {
        MetricsPoller poller(m_base, m_targets);
        poller.setInterval(interval);
        QVERIFY(poller.isPaused());  // created paused: nothing polls until someone looks
        Watch watch(poller);
        QTest::qWait(2 * interval);
        QVERIFY(watch.samples.isEmpty());
        poller.resume();
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(watch, m_targets, 2), 15000);
        poller.pause();
        QTRY_COMPARE_WITH_TIMEOUT(poller.inFlight(), 0, 5000);
        const QHash<int, int> atPause = watch.samples;
        QTest::qWait(3 * interval);
        QCOMPARE(watch.samples, atPause);
    }

    void aStoppedEndpointIsDownWithinTwoIntervalsAndRecovers()
    {
        MetricsPoller poller(m_base, m_targets);
        poller.setInterval(interval);
        Watch watch(poller);
        poller.resume();
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(watch, m_targets, 2), 15000);

        m_victim->kill();
        QElapsedTimer sinceStop;
        sinceStop.start();
        const int othersAtStop = watch.othersMin(victimId);
        QTRY_VERIFY_WITH_TIMEOUT(watch.downs.value(victimId) > 0, 10000);
        const qint64 detectedAfter = sinceStop.elapsed();
        qInfo("down %lld ms after the server stopped: %s", detectedAfter, qPrintable(watch.lastError.value(victimId)));
        QVERIFY2(detectedAfter <= 2 * interval,
                 qPrintable(QStringLiteral("down after %1 ms, interval %2 ms (%3)")
                                .arg(detectedAfter).arg(interval).arg(watch.lastError.value(victimId))));
        // Down for a while: the others go on as before.
        QTest::qWait(6 * interval);
        QVERIFY2(watch.othersMin(victimId) - othersAtStop >= 4,
                 qPrintable(QStringLiteral("others sampled %1 times while the victim was down")
                                .arg(watch.othersMin(victimId) - othersAtStop)));
        QVERIFY(watch.downs.value(victimId) >= 2);  // retried, with a backoff

        const int victimSamples = watch.samples.value(victimId);
        m_victim->start();
        QTRY_VERIFY_WITH_TIMEOUT(watch.samples.value(victimId) > victimSamples,
                                 MetricsPoller::maxBackoffMs + 10 * interval);
        QVERIFY2(watch.maxStallMs < 1000,
                 qPrintable(QStringLiteral("the poller's thread stalled %1 ms").arg(watch.maxStallMs)));
    }

    void aHungEndpointDoesNotDelayTheOthers()
    {
        MetricsPoller poller(m_base, m_targets);
        poller.setInterval(interval);
        Watch watch(poller);
        poller.resume();
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(watch, m_targets, 2), 30000);

        // Every tick reads pg_stat_database, which reads pg_database: an exclusive lock on it
        // holds the victim's sampler until the lock goes or its statement timeout strikes.
        ConnectionParams victimAdmin = m_base.withEndpoint(QStringLiteral("127.0.0.1"), m_victim->port, QStringLiteral("postgres"));
        PgConnection locker;
        locker.open(victimAdmin.withSafeDefaults());
        locker.execScript(QStringLiteral("BEGIN; LOCK TABLE pg_catalog.pg_database IN ACCESS EXCLUSIVE MODE"));
        QElapsedTimer sinceLock;
        sinceLock.start();
        const int othersAtLock = watch.othersMin(victimId);
        const int downsAtLock = watch.downs.value(victimId);
        QTRY_VERIFY_WITH_TIMEOUT(watch.downs.value(victimId) > downsAtLock, 10000);
        qInfo("hung endpoint reported down after %lld ms: %s", sinceLock.elapsed(), qPrintable(watch.lastError.value(victimId)));
        QVERIFY2(sinceLock.elapsed() <= 3 * interval,
                 qPrintable(QStringLiteral("hung endpoint reported after %1 ms").arg(sinceLock.elapsed())));
        QTest::qWait(3000 - int(sinceLock.elapsed()));
        // Six intervals with the victim hung: the others were sampled on every tick but one or two.
        QVERIFY2(watch.othersMin(victimId) - othersAtLock >= 4,
                 qPrintable(QStringLiteral("others sampled %1 times while the victim hung")
                                .arg(watch.othersMin(victimId) - othersAtLock)));
        const int victimSamples = watch.samples.value(victimId);
        locker.execScript(QStringLiteral("ROLLBACK"));
        QTRY_VERIFY_WITH_TIMEOUT(watch.samples.value(victimId) > victimSamples, MetricsPoller::maxBackoffMs + 10 * interval);
        QVERIFY2(watch.maxStallMs < 1000,
                 qPrintable(QStringLiteral("the poller's thread stalled %1 ms").arg(watch.maxStallMs)));
    }

    void destroyingThePollerWhileSamplingDoesNotHang()
    {
        QElapsedTimer clock;
        {
            MetricsPoller poller(m_base, m_targets);
            poller.setInterval(interval);
            poller.resume();  // samples at once
            QVERIFY(poller.inFlight() > 0);
            clock.start();
        }
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QStringLiteral("%1 ms to stop").arg(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestMetricsPoller)
#include "TestMetricsPoller.moc"
