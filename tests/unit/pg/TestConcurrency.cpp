#include "base/InputError.h"
#include "pg/Generation.h"
#include "pg/ParallelRunner.h"
#include "pg/SerialWorker.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>
#include <semaphore>

// The concurrency primitives every background job goes through: the serial worker (order,
// cancel of what is queued vs what runs, results on the caller's thread), the bounded parallel
// runner (the bound overall and per server) and the staleness helper.
class TestConcurrency : public QObject {
    Q_OBJECT

private slots:
    void serialJobsRunInOrderOnTheWorkerAndReportOnTheCaller()
    {
        SerialWorker worker(QStringLiteral("test"));
        QSignalSpy busy(&worker, &SerialWorker::busyChanged);
        QList<int> ran; // written only by the worker, one job at a time
        QList<int> reported;
        QThread* const caller = QThread::currentThread();
        std::atomic_bool offTheCaller = true;
        for (int i = 0; i < 20; ++i) {
            worker.run<int>(
                [&, i] {
                    offTheCaller = offTheCaller && QThread::currentThread() != caller;
                    QThread::usleep(500);
                    ran.append(i);
                    return i;
                },
                this,
                [&](Outcome<int> r) {
                    QCOMPARE(QThread::currentThread(), caller);
                    reported.append(*r.value);
                });
        }
        QVERIFY(worker.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(reported.size(), 20, 5000);
        QList<int> expected;
        for (int i = 0; i < 20; ++i)
            expected.append(i);
        QCOMPARE(ran, expected);
        QCOMPARE(reported, expected);
        QVERIFY(offTheCaller);
        QVERIFY(!worker.isBusy());
        QCOMPARE(busy.size(), 2); // busy once, idle once
    }

    void serialCancelSkipsWhatIsQueuedNotWhatRuns()
    {
        SerialWorker worker(QStringLiteral("test"));
        std::binary_semaphore started(0), release(0);
        QList<Outcome<int>> outcomes;
        auto record = [&](Outcome<int> r) { outcomes.append(std::move(r)); };
        worker.run<int>(
            [&] {
                started.release();
                release.acquire();
                return 1;
            },
            this, record);
        std::atomic_bool queuedRan = false;
        worker.run<int>(
            [&] {
                queuedRan = true;
                return 2;
            },
            this, record);
        started.acquire(); // the first job is running, the second queued
        worker.cancelQueued();
        worker.run<int>([] { return 3; }, this, record); // queued after the cancel: runs
        release.release();
        QTRY_COMPARE_WITH_TIMEOUT(outcomes.size(), 3, 5000);
        QCOMPARE(*outcomes[0].value, 1);
        QVERIFY(!queuedRan);
        QVERIFY(outcomes[1].error && outcomes[1].error->is(PgError::Kind::Cancelled));
        QCOMPARE(*outcomes[2].value, 3);
    }

    void serialErrorsAndGoneContexts()
    {
        SerialWorker worker(QStringLiteral("test"));
        std::optional<Outcome<void>> failed;
        worker.run<void>([] { throw std::runtime_error("disk full"); }, this, [&](Outcome<void> r) { failed = r; });
        auto* context = new QObject;
        bool calledGone = false;
        worker.run<int>([] { return 1; }, context, [&](Outcome<int>) { calledGone = true; });
        delete context;
        QTRY_VERIFY_WITH_TIMEOUT(failed.has_value(), 5000);
        QCOMPARE(failed->error->message(), QStringLiteral("disk full"));
        QTRY_VERIFY_WITH_TIMEOUT(!worker.isBusy(), 5000);
        QVERIFY(!calledGone);

        // Refused input stays refused input, not a server error.
        std::optional<Outcome<int>> refused;
        worker.run<int>([]() -> int { throw InputError(QStringLiteral("no such shard")); }, this,
                        [&](Outcome<int> r) { refused = r; });
        QTRY_VERIFY_WITH_TIMEOUT(refused.has_value(), 5000);
        QVERIFY(refused->error && !refused->error->pgError());
        QCOMPARE(refused->error->message(), QStringLiteral("no such shard"));
    }

    void serialDestructorRunsWhatIsQueued()
    {
        std::atomic_int ran = 0;
        {
            SerialWorker worker(QStringLiteral("test"));
            for (int i = 0; i < 5; ++i)
                worker.run<void>(
                    [&] {
                        QThread::usleep(1000);
                        ++ran;
                    },
                    nullptr, {});
        }
        QCOMPARE(ran.load(), 5);
    }

    void parallelBoundsPerServerAndOverall()
    {
        ParallelRunner runner(/*maxParallel*/ 5, /*maxPerServer*/ 2);
        std::mutex mutex;
        QHash<QString, int> now, peak;
        int nowAll = 0, peakAll = 0;
        int reported = 0;
        QThread* const caller = QThread::currentThread();
        const QStringList servers{QStringLiteral("a:5432"), QStringLiteral("b:5432"), QStringLiteral("c:5432")};
        for (int i = 0; i < 30; ++i) {
            const QString server = servers.at(i % 3);
            runner.run<int>(
                server,
                [&, server, i] {
                    {
                        std::lock_guard lock(mutex);
                        peak[server] = qMax(peak[server], ++now[server]);
                        peakAll = qMax(peakAll, ++nowAll);
                    }
                    QThread::msleep(5);
                    std::lock_guard lock(mutex);
                    --now[server];
                    --nowAll;
                    return i;
                },
                this,
                [&](Outcome<int> r) {
                    QVERIFY(r.ok());
                    QCOMPARE(QThread::currentThread(), caller);
                    ++reported;
                });
        }
        QSignalSpy idle(&runner, &ParallelRunner::idle);
        QVERIFY(idle.wait(10000));
        QCOMPARE(reported, 30);
        QCOMPARE(idle.size(), 1);
        for (const QString& server : servers)
            QCOMPARE(peak.value(server), 2);
        QCOMPARE(peakAll, 5);
    }

    void parallelServersAtTheirBoundDoNotHoldUpOthers()
    {
        ParallelRunner runner(4, 1);
        std::binary_semaphore release(0);
        QStringList done;
        auto record = [&](const QString& what) { return [&, what](Outcome<void>) { done.append(what); }; };
        runner.run<void>(
            QStringLiteral("slow"), [&] { release.acquire(); }, this, record(QStringLiteral("slow 1")));
        runner.run<void>(
            QStringLiteral("slow"), [] {}, this, record(QStringLiteral("slow 2")));
        runner.run<void>(
            QStringLiteral("fast"), [] {}, this, record(QStringLiteral("fast")));
        QTRY_COMPARE_WITH_TIMEOUT(done, QStringList{QStringLiteral("fast")}, 5000);
        QCOMPARE(runner.pending(), 2);
        release.release();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 5000);
        QCOMPARE(done, (QStringList{QStringLiteral("fast"), QStringLiteral("slow 1"), QStringLiteral("slow 2")}));
    }

    void parallelCancelDropsQueuedKeepsRunning()
    {
        ParallelRunner runner(1, 1);
        std::binary_semaphore started(0), release(0);
        std::atomic_int ran = 0;
        int reported = 0;
        runner.run<void>(
            QStringLiteral("s"),
            [&] {
                started.release();
                release.acquire();
                ++ran;
            },
            this, [&](Outcome<void>) { ++reported; });
        for (int i = 0; i < 3; ++i)
            runner.run<void>(
                QStringLiteral("s"), [&] { ++ran; }, this, [&](Outcome<void>) { ++reported; });
        started.acquire();
        runner.cancelQueued();
        QCOMPARE(runner.pending(), 1);
        release.release();
        QTRY_VERIFY_WITH_TIMEOUT(runner.isIdle(), 5000);
        QTest::qWait(50);
        QCOMPARE(ran.load(), 1);
        QCOMPARE(reported, 1);
    }

    void parallelRunnerMayGoWhileJobsRun()
    {
        std::binary_semaphore release(0);
        std::atomic_bool finished = false;
        bool reported = false;
        {
            ParallelRunner runner(2, 2);
            runner.run<void>(
                QStringLiteral("s"),
                [&] {
                    release.acquire();
                    finished = true;
                },
                this, [&](Outcome<void>) { reported = true; });
        }
        release.release();
        QTRY_VERIFY_WITH_TIMEOUT(finished, 5000);
        QTest::qWait(50);
        QVERIFY(!reported);
    }

    void parallelProgressComesBeforeTheOutcome()
    {
        ParallelRunner runner(2, 1);
        const ParallelRunner::Post post = runner.poster();
        QThread* const caller = QThread::currentThread();
        QStringList seen;
        for (const QString& server : {QStringLiteral("a"), QStringLiteral("b")})
            runner.run<void>(
                server,
                [&, server] {
                    for (int step = 1; step <= 3; ++step)
                        post([&, server, step] {
                            QCOMPARE(QThread::currentThread(), caller);
                            seen.append(QStringLiteral("%1 %2").arg(server).arg(step));
                        });
                },
                this, [&, server](Outcome<void>) { seen.append(server + QStringLiteral(" done")); });
        runner.waitForIdle();
        QCOMPARE(seen.size(), 8);
        for (const QString& server : {QStringLiteral("a"), QStringLiteral("b")}) {
            const QStringList own = seen.filter(QRegularExpression(QStringLiteral("^%1 ").arg(server)));
            QCOMPARE(own, (QStringList{server + QStringLiteral(" 1"), server + QStringLiteral(" 2"),
                                       server + QStringLiteral(" 3"), server + QStringLiteral(" done")}));
        }
    }

    void parallelProgressAfterTheRunnerIsGoneIsDropped()
    {
        std::binary_semaphore release(0);
        std::atomic_bool posted = false;
        bool ran = false;
        {
            ParallelRunner runner(1, 1);
            const ParallelRunner::Post post = runner.poster();
            runner.run<void>(QStringLiteral("s"),
                             [&, post] {
                                 release.acquire();
                                 post([&] { ran = true; });
                                 posted = true;
                             },
                             this, {});
        }
        release.release();
        QTRY_VERIFY_WITH_TIMEOUT(posted, 5000);
        QTest::qWait(50);
        QVERIFY(!ran);
    }

    void parallelWaitForIdleReturnsWhenAllReported()
    {
        ParallelRunner runner(3, 1);
        int reported = 0;
        runner.waitForIdle(); // nothing queued: returns at once
        for (int i = 0; i < 6; ++i)
            runner.run<void>(
                QString::number(i % 2), [] { QThread::msleep(5); }, this, [&](Outcome<void>) { ++reported; });
        runner.waitForIdle();
        QCOMPARE(reported, 6);
        QVERIFY(runner.isIdle());
    }

    void staleTicketsAreDropped()
    {
        std::optional<Generation::Ticket> orphan;
        {
            Generation loads;
            const Generation::Ticket first = loads.next();
            QVERIFY(first.isCurrent());
            QVERIFY(loads.current().isCurrent());
            const Generation::Ticket second = loads.next();
            QVERIFY(!first.isCurrent());
            QVERIFY(second.isCurrent());
            loads.invalidate();
            QVERIFY(!second.isCurrent());
            orphan = loads.next();
            QVERIFY(orphan->isCurrent());
        }
        QVERIFY(!orphan->isCurrent()); // its Generation is gone
    }

    void staleResultsOfAWorkerAreDropped()
    {
        SerialWorker worker(QStringLiteral("test"));
        Generation requests;
        QList<int> shown;
        for (int i = 0; i < 5; ++i) {
            const Generation::Ticket ticket = requests.next();
            worker.run<int>(
                [i] {
                    QThread::usleep(500);
                    return i;
                },
                this,
                [&, ticket](Outcome<int> r) {
                    if (ticket.isCurrent())
                        shown.append(*r.value);
                });
        }
        QTRY_VERIFY_WITH_TIMEOUT(!worker.isBusy(), 5000);
        QCOMPARE(shown, QList<int>{4});
    }
};

QTEST_GUILESS_MAIN(TestConcurrency)
#include "TestConcurrency.moc"
