#include "TestFleet.h"
#include "pg/PgSession.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

// The asynchronous session against a real server: results arrive on the GUI thread without
// blocking it, cancel always works, timeouts and lost connections become clear errors.
class TestPgSession : public QObject {
    Q_OBJECT

private:
    // Opens a session on the sandbox catalog and waits (spinning the event loop) until it is up.
    static void openSession(PgSession& session, const ConnectionParams& params)
    {
        bool opened = false;
        std::optional<JobError> error;
        session.open(params, &session, [&](Outcome<void> r) {
            opened = true;
            error = r.error;
        });
        QTRY_VERIFY_WITH_TIMEOUT(opened, 10000);
        QVERIFY2(!error, error ? qPrintable(error->text()) : "");
    }

    // The session still answers: a query for value returns it within 5 s.
    void expectUsable(PgSession& session, int value)
    {
        std::optional<Outcome<qint64>> answer;
        session.run<qint64>(
            [value](PgConnection& c) { return c.exec(QStringLiteral("SELECT %1").arg(value)).toInt(0, 0); }, this,
            [&](Outcome<qint64> r) { answer = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 5000);
        QCOMPARE(*answer->value, qint64(value));
    }

private slots:
    void resultsArriveWhileTheEventLoopKeepsRunning()
    {
        PgSession session;
        openSession(session, TestFleet::catalogParams().withSafeDefaults());
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start(10);
        std::optional<Outcome<QString>> result;
        session.run<QString>(
            [](PgConnection& c) { return c.exec(QStringLiteral("SELECT pg_sleep(0.5), 'done'")).text(0, 1); }, this,
            [&](Outcome<QString> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
        QVERIFY(result->ok());
        QCOMPARE(*result->value, QStringLiteral("done"));
        QVERIFY2(ticks >= 20, "the event loop must keep running while the query is on the server");
    }

    void jobsRunInOrder()
    {
        PgSession session;
        openSession(session, TestFleet::catalogParams().withSafeDefaults());
        QList<int> order;
        for (int i = 0; i < 5; ++i)
            session.run<int>(
                [i](PgConnection& c) { return int(c.exec(QStringLiteral("SELECT $1::int"), {i}).toInt(0, 0)); }, this,
                [&](Outcome<int> r) { order.append(*r.value); });
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 5, 10000);
        QCOMPARE(order, (QList<int>{0, 1, 2, 3, 4}));
    }

    void cancelInterruptsALongStatement()
    {
        PgSession session;
        openSession(session, TestFleet::catalogParams().withSafeDefaults());
        std::optional<Outcome<void>> result;
        session.run<void>([](PgConnection& c) { c.exec(QStringLiteral("SELECT pg_sleep(30)")); }, this,
                          [&](Outcome<void> r) { result = std::move(r); });
        QTest::qWait(200);
        QElapsedTimer timer;
        timer.start();
        session.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QVERIFY(timer.elapsed() < 2000);
        QVERIFY(result->error && result->error->pgError());
        QCOMPARE(result->error->pgError()->kind(), PgError::Kind::Cancelled);
        QCOMPARE(result->error->pgError()->sqlState(), QStringLiteral("57014"));

        // The session stays usable after a cancel.
        expectUsable(session, 42);
    }

    void statementTimeoutIsAClearError()
    {
        PgSession session;
        openSession(session, TestFleet::catalogParams().withSafeDefaults(300));
        std::optional<Outcome<void>> result;
        session.run<void>([](PgConnection& c) { c.exec(QStringLiteral("SELECT pg_sleep(5)")); }, this,
                          [&](Outcome<void> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QVERIFY(result->error && result->error->pgError());
        QCOMPARE(result->error->pgError()->kind(), PgError::Kind::Timeout);
        QVERIFY(result->error->message().contains(QLatin1String("statement timeout")));
    }

    void aTerminatedConnectionIsReportedAndCanReopen()
    {
        PgSession session;
        const ConnectionParams params = TestFleet::catalogParams().withSafeDefaults();
        openSession(session, params);
        std::optional<qint64> pid;
        session.run<qint64>(
            [](PgConnection& c) { return c.exec(QStringLiteral("SELECT pg_backend_pid()")).toInt(0, 0); }, this,
            [&](Outcome<qint64> r) { pid = *r.value; });
        QTRY_VERIFY_WITH_TIMEOUT(pid.has_value(), 5000);

        std::optional<Outcome<void>> result;
        session.run<void>([](PgConnection& c) { c.exec(QStringLiteral("SELECT pg_sleep(30)")); }, this,
                          [&](Outcome<void> r) { result = std::move(r); });
        QTest::qWait(200);
        PgConnection killer;
        killer.open(params);
        killer.exec(QStringLiteral("SELECT pg_terminate_backend($1)"), {*pid});
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QVERIFY(result->error && result->error->pgError());
        QCOMPARE(result->error->pgError()->kind(), PgError::Kind::Connection);

        openSession(session, params);
        expectUsable(session, 7);
    }

    void refusedInputArrivesAsItself()
    {
        PgSession session;
        openSession(session, TestFleet::catalogParams().withSafeDefaults());
        std::optional<Outcome<int>> result;
        session.run<int>([](PgConnection&) -> int { throw InputError(QStringLiteral("Name a table.")); }, this,
                         [&](Outcome<int> r) { result = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QVERIFY(result->error);
        QVERIFY(!result->error->pgError());
        QVERIFY(!result->error->is(PgError::Kind::Query));
        QCOMPARE(result->error->text(), QStringLiteral("Name a table."));
    }

    void valuesAreBoundNotSpliced()
    {
        PgConnection c;
        c.open(TestFleet::catalogParams().withSafeDefaults());
        const QString hostile = QStringLiteral("x'); DROP TABLE tenantdesk.tenants; --");
        QCOMPARE(c.exec(QStringLiteral("SELECT $1::text"), {hostile}).text(0, 0), hostile);
        QVERIFY(c.exec(QStringLiteral("SELECT $1::text IS NULL"), {QVariant()}).toBool(0, 0));
        QCOMPARE(c.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants")).rows(), 1);
    }

    void identifiersAreQuotedByLibpq()
    {
        PgConnection c;
        c.open(TestFleet::catalogParams().withSafeDefaults());
        QCOMPARE(c.quoteIdentifier(QStringLiteral("plain")), QStringLiteral("\"plain\""));
        QCOMPARE(c.quoteIdentifier(QStringLiteral("\"quoted\"")), QStringLiteral("\"\"\"quoted\"\"\""));
        const QString odd = QStringLiteral("we\"ird name.ü");
        const QString sql = QStringLiteral("SELECT 1 AS ") + c.quoteIdentifier(odd);
        QCOMPARE(c.exec(sql).columnName(0), odd);
    }

    void aFailedTransactionRollsBack()
    {
        PgConnection c;
        c.open(TestFleet::catalogParams().withSafeDefaults());
        QVERIFY_THROWS_EXCEPTION(PgError, c.transaction([&] {
            c.exec(QStringLiteral("CREATE TEMP TABLE scratch (x int)"));
            c.exec(QStringLiteral("SELECT 1/0"));
        }));
        QVERIFY(!c.inTransaction());
        QVERIFY(c.exec(QStringLiteral("SELECT to_regclass('pg_temp.scratch') IS NULL")).toBool(0, 0));
    }
};

QTEST_GUILESS_MAIN(TestPgSession)
#include "TestPgSession.moc"
