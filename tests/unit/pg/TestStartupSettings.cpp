#include "pg/ConnectionParams.h"
#include "pg/StartupSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// The settings a connection's startup options carry, as PgConnection sets them in every
// transaction on an endpoint behind a transaction-pooling PgBouncer.
class TestStartupSettings : public QObject {
    Q_OBJECT

    using Settings = QList<StartupSettings::Setting>;

private slots:
    void readsEveryFormTheServerTakes()
    {
        const StartupSettings s = StartupSettings::parse(
            QStringLiteral("-c statement_timeout=30000 -clock_timeout=5s --idle-in-transaction-session-timeout=1min "
                           " -c search_path=a\\ b,pg_catalog -c client_min_messages=warning"));
        QCOMPARE(s.settings(),
                 (Settings{{QStringLiteral("statement_timeout"), QStringLiteral("30000")},
                           {QStringLiteral("lock_timeout"), QStringLiteral("5s")},
                           {QStringLiteral("idle_in_transaction_session_timeout"), QStringLiteral("1min")},
                           {QStringLiteral("search_path"), QStringLiteral("a b,pg_catalog")},
                           {QStringLiteral("client_min_messages"), QStringLiteral("warning")}}));
        QVERIFY(s.unsupported().isEmpty());
        QCOMPARE(s.statementTimeoutMs(), 30000);
    }

    void theLastOfASettingWins()
    {
        const StartupSettings s = StartupSettings::parse(
            QStringLiteral("-c statement_timeout=1s -c work_mem=4MB -c statement_timeout=2min"));
        QCOMPARE(s.settings().size(), 2);
        QCOMPARE(s.statementTimeoutMs(), 120000);
    }

    void keepsWhatIsNoSetting()
    {
        const StartupSettings s = StartupSettings::parse(QStringLiteral("-d 5 -c x -c work_mem=4MB"));
        QCOMPARE(s.unsupported(), (QStringList{QStringLiteral("-d"), QStringLiteral("5"), QStringLiteral("x")}));
        QCOMPARE(s.settings().size(), 1);
        QVERIFY(StartupSettings::parse(QString()).isEmpty());
        QCOMPARE(StartupSettings::parse(QString()).statementTimeoutMs(), 0);
    }

    void readOnlyByDefaultMakesTheOpenTransactionReadOnly()
    {
        const StartupSettings s = StartupSettings::parse(
            QStringLiteral("-c default_transaction_read_only=on -c statement_timeout=5000"));
        const QJsonArray pairs = QJsonDocument::fromJson(s.jsonParameter().toUtf8()).array();
        QCOMPARE(pairs, (QJsonArray{QJsonArray{QStringLiteral("default_transaction_read_only"), QStringLiteral("on")},
                                    QJsonArray{QStringLiteral("transaction_read_only"), QStringLiteral("on")},
                                    QJsonArray{QStringLiteral("statement_timeout"), QStringLiteral("5000")}}));
        const QJsonArray off =
            QJsonDocument::fromJson(
                StartupSettings::parse(QStringLiteral("-c default_transaction_read_only=off")).jsonParameter().toUtf8())
                .array();
        QCOMPARE(off.size(), 1);
    }

    void poolingIsTheEndpointsNotTheCredentials()
    {
        ConnectionParams catalog;
        catalog.set("user", QStringLiteral("admin"));
        const ConnectionParams pooled = catalog.withEndpoint(QStringLiteral("bouncer"), 6432, QStringLiteral("tenants"),
                                                             Pooling::Transaction);
        QVERIFY(pooled.pooling() == Pooling::Transaction);
        QVERIFY(!pooled.contains("pooling")); // never sent to libpq
        QVERIFY(pooled.withEndpoint(QStringLiteral("db"), 5432, QStringLiteral("tenants")).pooling() == Pooling::None);
        QVERIFY(poolingFromString(QStringLiteral("transaction")) == Pooling::Transaction);
        QVERIFY(poolingFromString(QStringLiteral("none")) == Pooling::None);
        QCOMPARE(toString(Pooling::Transaction), QStringLiteral("transaction"));
    }
};

QTEST_GUILESS_MAIN(TestStartupSettings)
#include "TestStartupSettings.moc"
