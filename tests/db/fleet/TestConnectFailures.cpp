#include "TestFleet.h"
#include "catalog/ConnectionProfile.h"
#include "fleet/EndpointProbe.h"
#include "pg/PgConnection.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

// Connecting to a server that refuses the password, is not there, or never answers: a clear
// message within a bounded time. Only loopback addresses: ports nobody listens on, and a socket
// that accepts connections and never says a word.
class TestConnectFailures : public QObject {
    Q_OBJECT

    // A loopback port that was free a moment ago, and is closed now.
    static int closedPort()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost))
            qFatal("cannot listen on 127.0.0.1");
        return server.serverPort();
    }

    static ConnectionParams loopback(int port, int connectTimeoutSeconds)
    {
        ConnectionParams p = TestFleet::catalogParams().withEndpoint(QStringLiteral("127.0.0.1"), port,
                                                                     QStringLiteral("tenantdesk_catalog"));
        p.set("connect_timeout", QString::number(connectTimeoutSeconds));
        return p.withSafeDefaults();
    }

    // Connects, expecting a failure; returns it and how long it took.
    static std::pair<PgError, qint64> failedConnect(const ConnectionParams& params)
    {
        QElapsedTimer timer;
        timer.start();
        try {
            PgConnection c;
            c.open(params);
        } catch (const PgError& e) {
            return {e, timer.elapsed()};
        }
        qFatal("connected, but should not have");
    }

private slots:
    void wrongPasswordFailsClearlyAndQuickly()
    {
        ConnectionParams params = TestFleet::catalogParams();
        params.remove("passfile");
        params.set("password", QStringLiteral("not-the-password"));
        const auto [error, ms] = failedConnect(params.withSafeDefaults());
        QCOMPARE(error.kind(), PgError::Kind::Connection);
        QVERIFY2(
            error.message().contains(QLatin1String("password authentication failed for user \"tenantdesk_admin\"")),
            qPrintable(error.message()));
        QVERIFY2(!error.message().contains(QLatin1String("not-the-password")), qPrintable(error.message()));
        QVERIFY2(ms < 3000, qPrintable(QString::number(ms)));
    }

    void closedPortIsRefusedAtOnce()
    {
        const auto [error, ms] = failedConnect(loopback(closedPort(), 5));
        QCOMPARE(error.kind(), PgError::Kind::Connection);
        QVERIFY2(error.message().contains(QLatin1String("Connection refused")), qPrintable(error.message()));
        QVERIFY2(ms < 1000, qPrintable(QString::number(ms)));
    }

    void silentServerIsBoundedByConnectTimeout()
    {
        QTcpServer silent; // the kernel completes the handshake; nobody ever answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        const int timeout = 2;
        const auto [error, ms] = failedConnect(loopback(silent.serverPort(), timeout));
        QCOMPARE(error.kind(), PgError::Kind::Connection);
        QVERIFY2(error.message().contains(QLatin1String("timeout expired")), qPrintable(error.message()));
        QVERIFY2(ms >= (timeout - 1) * 1000 && ms < (timeout + 2) * 1000, qPrintable(QString::number(ms)));
    }

    void probeOfASilentServerIsBounded()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QElapsedTimer timer;
        timer.start();
        const EndpointStatus status = EndpointProbe::probe(TestFleet::catalogParams(), QStringLiteral("127.0.0.1"),
                                                           silent.serverPort(), QStringLiteral("tenants"));
        QVERIFY(!status.reachable);
        QVERIFY2(status.error.contains(QLatin1String("timeout expired")), qPrintable(status.error));
        QVERIFY(timer.elapsed() < (EndpointProbe::ConnectTimeoutSeconds + 2) * 1000);
    }

    void connectionStringInAProfileFieldNeverConnects()
    {
        QTcpServer evil; // where the smuggled connection string points
        QVERIFY(evil.listen(QHostAddress::LocalHost));
        const ConnectionParams catalog = TestFleet::catalogParams();
        ConnectionProfile profile;
        profile.name = QStringLiteral("catalog");
        profile.host = catalog.value("host");
        profile.port = catalog.value("port").toInt();
        profile.user = catalog.value("user");
        profile.passfile = catalog.value("passfile");
        profile.dbname = QStringLiteral("host=127.0.0.1 port=%1 dbname=x").arg(evil.serverPort());
        QVERIFY(profile.validate().startsWith(QLatin1String("The database name looks like a connection string")));

        // Even past validation, libpq takes the field literally (expand_dbname = 0): it reaches the
        // real server, asks for a database of that odd name, and never contacts the other port.
        const auto [error, ms] = failedConnect(profile.toParams().withSafeDefaults());
        QVERIFY2(error.message().contains(QStringLiteral("database \"%1\" does not exist").arg(profile.dbname)),
                 qPrintable(error.message()));
        QVERIFY(!evil.waitForNewConnection(200));
        QVERIFY(ms < 3000);
    }
};

QTEST_GUILESS_MAIN(TestConnectFailures)
#include "TestConnectFailures.moc"
