#include "FaultProxy.h"
#include "SandboxMetricTargets.h"
#include "TestFleet.h"
#include "TestPgBouncer.h"
#include "ThrowawayServer.h"
#include "metrics/EndpointSampler.h"
#include "metrics/MetricTargetLoader.h"
#include "metrics/MetricsPoller.h"
#include "metrics/PolledEndpoint.h"
#include "pg/PgConnection.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// Faults seen through the poller: an endpoint that stops shows as down within two intervals and
// recovers by itself when it is back; one that hangs, or accepts and never answers, does not delay
// the others; the thread of the poller never waits on any of them. One thread samples them all.
// And an endpoint behind a transaction-pooling PgBouncer ticks on.
//
// The victim is a server of our own (the shared sandbox must stay up for the other tests): a
// ThrowawayServer, trusting the sandbox's admin role so that the same base parameters reach it.
class TestMetricsPoller : public QObject {
    Q_OBJECT

private:
    static constexpr int interval = 500;
    static constexpr int victimId = 9100;
    static constexpr int halfOpenId = 9200;
    static constexpr int pooledId = 9300;
    static constexpr int manyId = 10000;

    std::unique_ptr<ThrowawayServer> m_victim;
    SandboxMetricTargets m_sandbox; // the sandbox's endpoints (and the victim)

    // Counts, per endpoint, the samples and the downs, and the longest the event loop of this
    // thread (the poller's) went without running a 10 ms timer.
    struct Watch {
        QHash<int, int> samples;
        QHash<int, int> downs;
        QHash<int, QString> lastError;
        QElapsedTimer sinceTick;
        qint64 maxStallMs = 0;
        QTimer ticker;

        // From startGaps() on: the longest time between two consecutive samples of each endpoint.
        QElapsedTimer sinceGapsStarted;
        QHash<int, qint64> lastSampleAt;
        QHash<int, qint64> maxGap;

        explicit Watch(MetricsPoller& poller)
        {
            QObject::connect(&poller, &MetricsPoller::sampled, &ticker, [this](const MetricSample& s) {
                ++samples[s.endpointId];
                if (!sinceGapsStarted.isValid())
                    return;
                const qint64 now = sinceGapsStarted.elapsed();
                const auto last = lastSampleAt.constFind(s.endpointId);
                if (last != lastSampleAt.constEnd())
                    maxGap[s.endpointId] = qMax(maxGap.value(s.endpointId), now - *last);
                lastSampleAt[s.endpointId] = now;
            });
            QObject::connect(&poller, &MetricsPoller::endpointDown, &ticker, [this](int id, const QString& error) {
                ++downs[id];
                lastError[id] = error;
            });
            sinceTick.start();
            QObject::connect(&ticker, &QTimer::timeout, &ticker,
                             [this] { maxStallMs = qMax(maxStallMs, sinceTick.restart()); });
            ticker.start(10);
        }
        void startGaps() { sinceGapsStarted.start(); }
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

    // A poller of targets at the test's interval, watched from the start, and polling.
    struct WatchedPoller {
        WatchedPoller(const ConnectionParams& base, const QList<MetricTarget>& targets)
            : poller(base, targets)
            , watch(poller)
        {
            poller.setInterval(interval);
            poller.resume();
        }

        MetricsPoller poller;
        Watch watch;
    };

    // An endpoint of a shard of its own at port on loopback, sampled in its postgres database.
    static MetricTarget target(int id, int port, bool pooled = false)
    {
        MetricTarget t;
        t.endpoint.id = id;
        t.endpoint.shardId = id;
        t.endpoint.host = QStringLiteral("127.0.0.1");
        t.endpoint.port = port;
        t.shardName = QStringLiteral("endpoint-%1").arg(id);
        t.tenantDatabase = QStringLiteral("postgres");
        t.pooled = pooled;
        return t;
    }

    // Waits until every endpoint has been sampled at least `count` times.
    static bool allSampled(const Watch& watch, const QList<MetricTarget>& targets, int count)
    {
        return std::all_of(targets.begin(), targets.end(),
                           [&](const MetricTarget& t) { return watch.samples.value(t.endpoint.id) >= count; });
    }

private slots:
    void initTestCase()
    {
        m_sandbox = SandboxMetricTargets::load();
        QVERIFY(m_sandbox.targets.size() >= 3);
        m_victim = std::make_unique<ThrowawayServer>(m_sandbox.base.value("user"));
        m_sandbox.targets.append(target(victimId, m_victim->port()));
    }

    void cleanupTestCase() { m_victim.reset(); }

    void pausedPollsNothing()
    {
        MetricsPoller poller(m_sandbox.base, m_sandbox.targets);
        poller.setInterval(interval);
        QVERIFY(poller.isPaused()); // created paused: nothing polls until someone looks
        Watch watch(poller);
        QTest::qWait(2 * interval);
        QVERIFY(watch.samples.isEmpty());
        poller.resume();
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(watch, m_sandbox.targets, 2), 15000);
        poller.pause();
        QTRY_COMPARE_WITH_TIMEOUT(poller.inFlight(), 0, 5000);
        const QHash<int, int> atPause = watch.samples;
        QTest::qWait(3 * interval);
        QCOMPARE(watch.samples, atPause);
    }

    void aStoppedEndpointIsDownWithinTwoIntervalsAndRecovers()
    {
        WatchedPoller p(m_sandbox.base, m_sandbox.targets);
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(p.watch, m_sandbox.targets, 2), 15000);

        m_victim->kill();
        QElapsedTimer sinceStop;
        sinceStop.start();
        const int othersAtStop = p.watch.othersMin(victimId);
        QTRY_VERIFY_WITH_TIMEOUT(p.watch.downs.value(victimId) > 0, 10000);
        const qint64 detectedAfter = sinceStop.elapsed();
        qInfo("down %lld ms after the server stopped: %s", detectedAfter,
              qPrintable(p.watch.lastError.value(victimId)));
        QVERIFY2(detectedAfter <= 2 * interval, qPrintable(QStringLiteral("down after %1 ms, interval %2 ms (%3)")
                                                               .arg(detectedAfter)
                                                               .arg(interval)
                                                               .arg(p.watch.lastError.value(victimId))));
        // Down for a while: the others go on as before.
        QTest::qWait(6 * interval);
        QVERIFY2(p.watch.othersMin(victimId) - othersAtStop >= 4,
                 qPrintable(QStringLiteral("others sampled %1 times while the victim was down")
                                .arg(p.watch.othersMin(victimId) - othersAtStop)));
        QVERIFY(p.watch.downs.value(victimId) >= 2); // retried, with a backoff

        const int victimSamples = p.watch.samples.value(victimId);
        m_victim->start();
        QTRY_VERIFY_WITH_TIMEOUT(p.watch.samples.value(victimId) > victimSamples,
                                 MetricsPoller::maxBackoffMs + 10 * interval);
        QVERIFY2(p.watch.maxStallMs < 1000,
                 qPrintable(QStringLiteral("the poller's thread stalled %1 ms").arg(p.watch.maxStallMs)));
    }

    void aHungEndpointDoesNotDelayTheOthers()
    {
        WatchedPoller p(m_sandbox.base, m_sandbox.targets);
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(p.watch, m_sandbox.targets, 2), 30000);

        // Every tick reads pg_stat_database, which reads pg_database: an exclusive lock on it
        // holds the victim's sampler until the lock goes or its statement timeout strikes.
        ConnectionParams victimAdmin = m_sandbox.base.withEndpoint(QStringLiteral("127.0.0.1"), m_victim->port(),
                                                                   QStringLiteral("postgres"));
        PgConnection locker;
        locker.open(victimAdmin.withSafeDefaults());
        locker.execScript(QStringLiteral("BEGIN; LOCK TABLE pg_catalog.pg_database IN ACCESS EXCLUSIVE MODE"));
        QElapsedTimer sinceLock;
        sinceLock.start();
        const int othersAtLock = p.watch.othersMin(victimId);
        const int downsAtLock = p.watch.downs.value(victimId);
        QTRY_VERIFY_WITH_TIMEOUT(p.watch.downs.value(victimId) > downsAtLock, 10000);
        qInfo("hung endpoint reported down after %lld ms: %s", sinceLock.elapsed(),
              qPrintable(p.watch.lastError.value(victimId)));
        QVERIFY2(sinceLock.elapsed() <= 3 * interval,
                 qPrintable(QStringLiteral("hung endpoint reported after %1 ms").arg(sinceLock.elapsed())));
        QTest::qWait(3000 - int(sinceLock.elapsed()));
        // Six intervals with the victim hung: the others were sampled on every tick but one or two.
        QVERIFY2(p.watch.othersMin(victimId) - othersAtLock >= 4,
                 qPrintable(QStringLiteral("others sampled %1 times while the victim hung")
                                .arg(p.watch.othersMin(victimId) - othersAtLock)));
        const int victimSamples = p.watch.samples.value(victimId);
        locker.execScript(QStringLiteral("ROLLBACK"));
        QTRY_VERIFY_WITH_TIMEOUT(p.watch.samples.value(victimId) > victimSamples,
                                 MetricsPoller::maxBackoffMs + 10 * interval);
        QVERIFY2(p.watch.maxStallMs < 1000,
                 qPrintable(QStringLiteral("the poller's thread stalled %1 ms").arg(p.watch.maxStallMs)));
    }

    void destroyingThePollerWhileSamplingDoesNotHang()
    {
        QElapsedTimer clock;
        {
            MetricsPoller poller(m_sandbox.base, m_sandbox.targets);
            poller.setInterval(interval);
            poller.resume(); // samples at once
            QVERIFY(poller.inFlight() > 0);
            clock.start();
        }
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QStringLiteral("%1 ms to stop").arg(clock.elapsed())));
    }
    void anEndpointThatAcceptsAndNeverAnswersDelaysNobody()
    {
        // Logs in, then swallows every statement (and every cancel request): a half-open server.
        FaultProxy proxy(m_victim->params(m_sandbox.base));
        proxy.stallAfterLogin();
        QList<MetricTarget> targets = m_sandbox.targets;
        targets.append(target(halfOpenId, proxy.port()));
        MetricsPoller poller(m_sandbox.base, targets);
        poller.setInterval(interval);
        Watch watch(poller);
        watch.startGaps();
        QElapsedTimer clock;
        clock.start();
        poller.resume();
        // Its first tick connects, so it has the connection's deadline.
        QTRY_VERIFY_WITH_TIMEOUT(watch.downs.value(halfOpenId) > 0, PolledEndpoint::connectDeadlineMs + 2 * interval);
        qInfo("half-open endpoint down after %lld ms: %s", clock.elapsed(),
              qPrintable(watch.lastError.value(halfOpenId)));
        QVERIFY(clock.elapsed() >= PolledEndpoint::connectDeadlineMs - 100); // by its deadline, not by an error
        QVERIFY2(watch.lastError.value(halfOpenId).contains(QLatin1String("did not answer")),
                 qPrintable(watch.lastError.value(halfOpenId)));
        QVERIFY(proxy.swallowedMessages() > 0); // it was logged in, and asked
        QTest::qWait(4 * interval);
        // Meanwhile every other endpoint was sampled on its ticks: no gap between two of its
        // samples longer than a tick and one deadline (and a little for a loaded machine).
        const qint64 bound = interval + MetricsPoller::deadlineMs(interval);
        for (const MetricTarget& t : std::as_const(m_sandbox.targets)) {
            QVERIFY2(watch.maxGap.value(t.endpoint.id) <= bound + 300 && watch.samples.value(t.endpoint.id) >= 6,
                     qPrintable(QStringLiteral("%1: %2 samples, longest gap %3 ms (bound %4 ms)")
                                    .arg(t.label())
                                    .arg(watch.samples.value(t.endpoint.id))
                                    .arg(watch.maxGap.value(t.endpoint.id))
                                    .arg(bound)));
        }
        QVERIFY(watch.samples.value(halfOpenId) == 0);
        QVERIFY2(watch.maxStallMs < 1000,
                 qPrintable(QStringLiteral("the poller's thread stalled %1 ms").arg(watch.maxStallMs)));
    }

    // Endpoints named by host names: libpq would resolve them on the poll thread, inside
    // PQconnectStart; they are resolved off it. "localhost" is sampled (through the address it
    // resolves to); a name that does not resolve is down with a message naming it, while every
    // other endpoint keeps being sampled and the poll thread never waits.
    void hostNamesAreResolvedOffThePollThread()
    {
        const int localhostId = 9400;
        const int nowhereId = 9500;
        QList<MetricTarget> targets = m_sandbox.targets;
        MetricTarget byName = target(localhostId, m_victim->port());
        byName.endpoint.host = QStringLiteral("localhost");
        MetricTarget nowhere = target(nowhereId, m_victim->port());
        nowhere.endpoint.host = QStringLiteral("tenantdesk-nowhere.invalid");
        targets << byName << nowhere;
        MetricsPoller poller(m_sandbox.base, targets);
        poller.setInterval(interval);
        Watch watch(poller);
        watch.startGaps();
        poller.resume();
        QTRY_VERIFY_WITH_TIMEOUT(watch.downs.value(nowhereId) > 0, PolledEndpoint::connectDeadlineMs + 2 * interval);
        const QString error = watch.lastError.value(nowhereId);
        QVERIFY2(error.contains(QLatin1String("The host name tenantdesk-nowhere.invalid")), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(watch, m_sandbox.targets + QList<MetricTarget>{byName}, 4), 15000);
        QCOMPARE(watch.downs.value(localhostId), 0);
        QVERIFY(watch.samples.value(nowhereId) == 0);
        const qint64 bound = interval + MetricsPoller::deadlineMs(interval);
        for (const MetricTarget& t : std::as_const(m_sandbox.targets))
            QVERIFY2(
                watch.maxGap.value(t.endpoint.id) <= bound + 300,
                qPrintable(
                    QStringLiteral("%1: longest gap %2 ms").arg(t.label()).arg(watch.maxGap.value(t.endpoint.id))));
        QVERIFY2(watch.maxStallMs < 1000,
                 qPrintable(QStringLiteral("the poller's thread stalled %1 ms").arg(watch.maxStallMs)));
    }

    void aPooledEndpointTicksOn()
    {
        if (!TestPgBouncer::isInstalled())
            QSKIP("PgBouncer is not installed");
        // Two endpoints through ONE server connection in transaction pooling: a named statement
        // prepared by one would meet the other ("already exists"), or be gone at its next tick;
        // and PgBouncer refuses a connection that sends startup options.
        TestPgBouncer bouncer(m_victim->port(), m_sandbox.base.value("user"), 1);
        const QList<MetricTarget> pooled{target(pooledId, bouncer.port(), true),
                                         target(pooledId + 1, bouncer.port(), true)};
        WatchedPoller p(m_sandbox.base, pooled);
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(p.watch, pooled, 4) || !p.watch.downs.isEmpty(), 15000);
        QVERIFY2(p.watch.downs.isEmpty(), qPrintable(p.watch.lastError.values().join(u'\n') + u'\n' + bouncer.log()));
        QVERIFY(allSampled(p.watch, pooled, 4));
        // The blocking sampler (tenantctl sample) goes the same way, through the same connection.
        EndpointSampler sampler(pooled.constFirst(), m_sandbox.base);
        for (int tick = 0; tick < 3; ++tick) {
            const MetricSample sample = sampler.sample();
            QVERIFY2(sample.up, qPrintable(sample.error));
        }
    }

    void manyEndpointsOneThread()
    {
#ifndef Q_OS_LINUX
        QSKIP("counts the threads in /proc/self/task");
#endif
        auto threads = [] {
            return QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size();
        };
        QList<MetricTarget> many;
        for (int i = 0; i < 64; ++i)
            many.append(target(manyId + i, m_victim->port()));
        const qsizetype before = threads();
        WatchedPoller p(m_sandbox.base, many);
        QTRY_VERIFY_WITH_TIMEOUT(allSampled(p.watch, many, 3) || !p.watch.downs.isEmpty(), 20000);
        QVERIFY2(p.watch.downs.isEmpty(), qPrintable(p.watch.lastError.values().join(u'\n')));
        // The poller's one thread (a cancel thread of an earlier test may have ended meanwhile).
        QVERIFY2(threads() - before <= 1,
                 qPrintable(QStringLiteral("%1 threads more for 64 endpoints").arg(threads() - before)));
    }
};

QTEST_GUILESS_MAIN(TestMetricsPoller)
#include "TestMetricsPoller.moc"
