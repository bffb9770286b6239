#include "FaultProxy.h"
#include "ScratchDatabase.h"
#include "TestFleet.h"
#include "pg/PgConnection.h"

#include <QTest>
#include <memory>
#include <poll.h>

// The fault proxy does what each of its modes says, against a real server: the faults other
// tests rely on (a lost COMMIT reply, a server that stops answering) are real, not assumed.
class TestFaultProxy : public QObject {
    Q_OBJECT

    // Rows in marks, read directly (not through the proxy).
    static qint64 marks(const ScratchDatabase& db)
    {
        PgConnection direct;
        direct.open(db.params().withSafeDefaults());
        return direct.exec(QStringLiteral("SELECT count(*) FROM marks")).toInt(0, 0);
    }

    static void createMarks(const ScratchDatabase& db)
    {
        PgConnection direct;
        direct.open(db.params().withSafeDefaults());
        direct.execScript(QStringLiteral("CREATE TABLE marks (n int)"));
    }

    // Runs fn, which must fail with a lost connection.
    template <typename Fn>
    static PgError lostConnection(Fn&& fn)
    {
        try {
            fn();
        } catch (const PgError& e) {
            return e;
        }
        qFatal("the statement succeeded, but the proxy should have cut the connection");
    }

private slots:
    void passThroughCarriesLoginAndQueries()
    {
        FaultProxy proxy(TestFleet::catalogParams());
        PgConnection c;
        c.open(proxy.params().withSafeDefaults());
        QCOMPARE(c.exec(QStringLiteral("SELECT $1::int + 1"), {41}).toInt(0, 0), 42);
        QCOMPARE(c.port(), QString::number(proxy.port()));
        QCOMPARE(proxy.connections(), 1);
        QCOMPARE(proxy.cuts(), 0);
    }

    void stallAfterLoginLetsTheLoginThroughThenAnswersNothing()
    {
        FaultProxy proxy(TestFleet::catalogParams());
        proxy.stallAfterLogin();
        // Plain libpq, so that nothing but the login is sent before the test's own query.
        const ConnectionParams params = proxy.params().withSafeDefaults();
        QList<QByteArray> keys, values;
        for (const auto& [key, value] : params.entries()) {
            keys << key;
            values << value;
        }
        QList<const char*> k, v;
        for (qsizetype i = 0; i < keys.size(); ++i) {
            k << keys[i].constData();
            v << values[i].constData();
        }
        k << nullptr;
        v << nullptr;
        std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdbParams(k.constData(), v.constData(), 0),
                                                          &PQfinish);
        QVERIFY2(PQstatus(conn.get()) == CONNECTION_OK, PQerrorMessage(conn.get())); // the login passed

        // Sent without waiting for the reply (a blocking exec would wait forever).
        QVERIFY(PQsendQuery(conn.get(), "SELECT 1"));
        QCOMPARE(PQflush(conn.get()), 0);
        pollfd fd{PQsocket(conn.get()), POLLIN, 0};
        QCOMPARE(poll(&fd, 1, 1500), 0); // not a byte, and not closed either
        QCOMPARE(proxy.swallowedMessages(), 1);
        QCOMPARE(PQstatus(conn.get()), CONNECTION_OK);
        QVERIFY(PQisBusy(conn.get()));
    }

    void cutAfterCommitCommitsButTheClientNeverHears()
    {
        ScratchDatabase db(QStringLiteral("faultproxy"));
        createMarks(db);
        FaultProxy proxy(db.params());
        proxy.cutAfterCommit(2);
        PgConnection c;
        c.open(proxy.params().withSafeDefaults());
        c.transaction([&] { c.exec(QStringLiteral("INSERT INTO marks VALUES (1)")); }); // the 1st COMMIT passes
        QCOMPARE(proxy.cuts(), 0);

        const PgError error = lostConnection(
            [&] { c.transaction([&] { c.exec(QStringLiteral("INSERT INTO marks VALUES (2)")); }); });
        // A lost answer to a COMMIT is no failure: PgConnection::commit() says the outcome is unknown.
        QCOMPARE(error.kind(), PgError::Kind::UnknownOutcome);
        QCOMPARE(proxy.cuts(), 1);
        QCOMPARE(marks(db), 2); // the second transaction committed all the same
    }

    void cutWhenClientSendsMatchesTheStatementText()
    {
        ScratchDatabase db(QStringLiteral("faultproxy"));
        createMarks(db);
        FaultProxy proxy(db.params());
        proxy.cutWhenClientSends(QRegularExpression(QStringLiteral("^INSERT INTO marks")), 1);
        PgConnection c;
        c.open(proxy.params().withSafeDefaults());
        QCOMPARE(c.exec(QStringLiteral("SELECT count(*) FROM marks")).toInt(0, 0), 0); // not matched
        const PgError error = lostConnection([&] { c.exec(QStringLiteral("INSERT INTO marks VALUES ($1)"), {7}); });
        QCOMPARE(error.kind(), PgError::Kind::Connection);
        QCOMPARE(proxy.cuts(), 1);
        QCOMPARE(marks(db), 1); // it ran (autocommit) though the client got an error
    }

    void cutAfterServerBytesCutsAReplyInTheMiddle()
    {
        FaultProxy proxy(TestFleet::catalogParams());
        proxy.cutAfterServerBytes(4096);
        PgConnection c;
        c.open(proxy.params().withSafeDefaults());
        QCOMPARE(c.exec(QStringLiteral("SELECT 1")).toInt(0, 0), 1); // a small reply fits
        const PgError error = lostConnection(
            [&] { c.exec(QStringLiteral("SELECT repeat('x', 100) FROM generate_series(1, 1000)")); });
        QCOMPARE(error.kind(), PgError::Kind::Connection);
        QCOMPARE(proxy.cuts(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFaultProxy)
#include "TestFaultProxy.moc"
