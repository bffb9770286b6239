#include "FaultProxy.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "pg/PgConnection.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <future>
#include <memory>
#include <thread>

// A server that accepts the login and then never answers (issue 10, case 7): every wait on it
// ends at a client-side deadline, with the statement cancelled, the connection closed and a
// clear message; a server that never finishes the login is given up on as well. Through
// FaultProxy in front of the sandbox catalog, as the core API and as `tenantctl browse`.
class TestUnansweredServer : public QObject {
    Q_OBJECT

    // A statement_timeout of 1 s on the server; the client waits that plus its margin.
    static constexpr int StatementTimeoutMs = 1000;
    static constexpr int ReplyBoundMs = 3000;
    // What a give-up may take beyond its bound: the cancel's grace period and some slack.
    static constexpr int GiveUpSlackMs = 4000;

    struct Attempt {
        bool finished = false;
        std::optional<PgError> error;
        qint64 ms = 0;
    };

    // Runs call on a thread of its own and waits for it at most waitMs: a call that never returns
    // fails the test instead of hanging it. The thread keeps what it uses, so one left behind
    // (it ends when the proxy or the silent server goes) touches nothing of the test.
    static Attempt attempt(std::function<void()> call, int waitMs)
    {
        struct Shared {
            std::promise<std::optional<PgError>> done;
        };
        auto shared = std::make_shared<Shared>();
        std::future<std::optional<PgError>> result = shared->done.get_future();
        QElapsedTimer timer;
        timer.start();
        std::thread([shared, call = std::move(call)] {
            try {
                call();
                shared->done.set_value(std::nullopt);
            } catch (const PgError& e) {
                shared->done.set_value(e);
            }
        }).detach();
        Attempt a;
        a.finished = result.wait_for(std::chrono::milliseconds(waitMs)) == std::future_status::ready;
        a.ms = timer.elapsed();
        if (a.finished)
            a.error = result.get();
        return a;
    }

    static void expectGivenUp(const Attempt& a, const QString& message, int boundMs)
    {
        QVERIFY2(a.finished, qPrintable(QStringLiteral("still waiting after %1 ms").arg(a.ms)));
        QVERIFY2(a.error, "no error");
        QVERIFY2(a.error->message().contains(message), qPrintable(a.error->text()));
        QVERIFY2(a.ms >= boundMs - 200 && a.ms < boundMs + GiveUpSlackMs, qPrintable(QString::number(a.ms)));
    }

    static ConnectionParams proxied(const FaultProxy& proxy)
    {
        return proxy.params().withSafeDefaults(StatementTimeoutMs);
    }

    // tenantctl with args on the conninfo, given the reply bound and some slack: how it ended, and
    // after how many ms.
    static std::pair<TenantctlProcess, qint64> timedTenantctl(const QString& conninfo, const QStringList& args)
    {
        QElapsedTimer timer;
        timer.start();
        TenantctlProcess p = TenantctlProcess::runOn(conninfo, args, ReplyBoundMs + GiveUpSlackMs);
        return {std::move(p), timer.elapsed()};
    }

private slots:
    void queryGetsNoAnswerIsCancelledAndClosedWithinItsBound()
    {
        FaultProxy proxy(TestFleet::catalogParams());
        auto c = std::make_shared<PgConnection>();
        c->open(proxied(proxy));
        QCOMPARE(c->exec(QStringLiteral("SELECT 1")).toInt(0, 0), 1);

        proxy.stallAfterLogin();
        const QString where = QStringLiteral("127.0.0.1:%1").arg(proxy.port());
        const Attempt a = attempt([c] { c->exec(QStringLiteral("SELECT 1")); }, ReplyBoundMs + GiveUpSlackMs);
        expectGivenUp(a,
                      QStringLiteral("The server at %1 did not answer within 3 s; the query was cancelled and the "
                                     "connection closed.")
                          .arg(where),
                      ReplyBoundMs);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(a.error->kind(), PgError::Kind::Connection);
        QVERIFY(!c->isOpen());
        QVERIFY(proxy.swallowedMessages() > 0);
    }

    void scriptsAndTransactionsAreBoundedToo()
    {
        FaultProxy proxy(TestFleet::catalogParams());
        auto c = std::make_shared<PgConnection>();
        c->open(proxied(proxy));
        proxy.stallAfterLogin();
        const Attempt a = attempt([c] { c->transaction([&] { c->exec(QStringLiteral("SELECT 1")); }); },
                                  ReplyBoundMs + GiveUpSlackMs);
        expectGivenUp(a, QStringLiteral("did not answer within 3 s"), ReplyBoundMs);
    }

    void replyTimeoutIsSetPerConnection()
    {
        FaultProxy proxy(TestFleet::catalogParams());
        auto c = std::make_shared<PgConnection>();
        c->open(proxied(proxy));
        QCOMPARE(c->replyTimeoutMs(), StatementTimeoutMs + PgConnection::ReplyMarginMs);
        c->setReplyTimeout(1500);
        proxy.stallAfterLogin();
        const Attempt a = attempt([c] { c->exec(QStringLiteral("SELECT 1")); }, 1500 + GiveUpSlackMs);
        expectGivenUp(a, QStringLiteral("did not answer within 1.5 s"), 1500);
    }

    void loginThatNeverCompletesIsGivenUp()
    {
        // The kernel completes the TCP handshake; nobody answers the startup packet. No
        // connect_timeout in the parameters: the connection's own default bound applies.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const ConnectionParams params = TestFleet::catalogParams().withEndpoint(
            QStringLiteral("127.0.0.1"), silent.serverPort(), QStringLiteral("tenantdesk_catalog"));
        QVERIFY(!params.contains("connect_timeout"));
        const int defaultConnectBoundMs = 10000;
        const Attempt a = attempt(
            [params] {
                PgConnection c;
                c.open(params);
            },
            defaultConnectBoundMs + GiveUpSlackMs);
        expectGivenUp(a,
                      QStringLiteral("The server at 127.0.0.1:%1 did not finish the connection within 10 s "
                                     "(timeout expired).")
                          .arg(silent.serverPort()),
                      defaultConnectBoundMs);
    }

    void tenantctlBrowseGivesUpWithAClearError()
    {
        FaultProxy proxy(TestFleet::catalogParams());
        proxy.stallAfterLogin();
        const auto [p, ms] = timedTenantctl(
            proxied(proxy).toConnectionString(),
            {QStringLiteral("browse"), QStringLiteral("acme"), QStringLiteral("customers")});
        QVERIFY2(!p.timedOut, qPrintable(QStringLiteral("tenantctl browse still waiting after %1 ms").arg(ms)));
        const QString err = p.errText();
        QCOMPARE(p.exitCode, 1);
        QVERIFY2(err.contains(QStringLiteral("tenantctl: The server at 127.0.0.1:%1 did not answer within 3 s; the "
                                             "query was cancelled and the connection closed.")
                                  .arg(proxy.port())),
                 qPrintable(err));
        QVERIFY2(ms >= ReplyBoundMs - 200, qPrintable(QString::number(ms)));
    }

    void tenantctlTimeoutOptionSetsTheBound()
    {
        FaultProxy proxy(TestFleet::catalogParams());
        proxy.stallAfterLogin();
        const auto [bounded, ms] = timedTenantctl(
            proxy.params().toConnectionString(),
            {QStringLiteral("tenants"), QStringLiteral("list"), QStringLiteral("--timeout"), QStringLiteral("1")});
        QVERIFY(!bounded.timedOut);
        QCOMPARE(bounded.exitCode, 1);
        const QString err = bounded.errText();
        QVERIFY2(err.contains(QLatin1String("did not answer within 3 s")), qPrintable(err));
        QVERIFY2(ms >= ReplyBoundMs - 200, qPrintable(QString::number(ms)));

        const TenantctlProcess zero = TenantctlProcess::runWithoutCatalog(
            {QStringLiteral("tenants"), QStringLiteral("list"), QStringLiteral("--timeout"), QStringLiteral("0")},
            10000);
        QVERIFY(!zero.timedOut);
        QCOMPARE(zero.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestUnansweredServer)
#include "TestUnansweredServer.moc"
