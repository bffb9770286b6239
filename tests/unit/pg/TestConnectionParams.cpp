#include "base/InputError.h"
#include "pg/ConnectionParams.h"

#include <QTest>

#include <algorithm>

class TestConnectionParams : public QObject {
    Q_OBJECT

    // Keyword order follows libpq's list after parsing, so compare as sets.
    static bool sameEntries(const ConnectionParams& a, const ConnectionParams& b)
    {
        auto sorted = [](QList<ConnectionParams::Entry> e) {
            std::sort(e.begin(), e.end());
            return e;
        };
        return sorted(a.entries()) == sorted(b.entries());
    }

private slots:
    void parsesUri()
    {
        const ConnectionParams p = ConnectionParams::parse(
            QStringLiteral("postgresql://alice@db.example.com:6543/"
                           "tenantdesk_catalog?sslmode=verify-full&application_name=x"));
        QCOMPARE(p.value("host"), QStringLiteral("db.example.com"));
        QCOMPARE(p.value("port"), QStringLiteral("6543"));
        QCOMPARE(p.value("user"), QStringLiteral("alice"));
        QCOMPARE(p.value("dbname"), QStringLiteral("tenantdesk_catalog"));
        QCOMPARE(p.value("sslmode"), QStringLiteral("verify-full"));
        QCOMPARE(p.value("application_name"), QStringLiteral("x"));
        QVERIFY(!p.contains("password"));
    }

    void parsesKeyValue()
    {
        const ConnectionParams p = ConnectionParams::parse(
            QStringLiteral("  host=127.0.0.1 port=5433 dbname='my db' user=o\\'brien  "));
        QCOMPARE(p.value("host"), QStringLiteral("127.0.0.1"));
        QCOMPARE(p.value("port"), QStringLiteral("5433"));
        QCOMPARE(p.value("dbname"), QStringLiteral("my db"));
        QCOMPARE(p.value("user"), QStringLiteral("o'brien"));
    }

    void rejectsBadStrings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("keyword without value") << QStringLiteral("host=h port");
        QTest::newRow("unknown keyword") << QStringLiteral("host=h colour=blue");
        QTest::newRow("unterminated quote") << QStringLiteral("host=h dbname='abc");
        QTest::newRow("bad URI") << QStringLiteral("postgresql://[::1/db");
        QTest::newRow("bad URI parameter") << QStringLiteral("postgresql://h/db?nonsense=1");
    }

    void rejectsBadStrings()
    {
        QFETCH(QString, text);
        try {
            ConnectionParams::parse(text);
            QFAIL("parsed");
        } catch (const InputError& e) {
            QVERIFY(e.text().startsWith(QLatin1String("Invalid connection string: ")));
            QVERIFY(e.text().size() > 30);
        }
    }

    void setAndRemove()
    {
        ConnectionParams p;
        QVERIFY(p.isEmpty());
        p.set("host", QStringLiteral("a"));
        p.set("host", QStringLiteral("b"));
        QCOMPARE(p.entries().size(), 1);
        QCOMPARE(p.value("host"), QStringLiteral("b"));
        p.set("host", QString());
        QVERIFY(!p.contains("host"));
    }

    void withEndpointKeepsCredentialsNotTheTarget()
    {
        const ConnectionParams base = ConnectionParams::parse(QStringLiteral(
            "service=fleet hostaddr=10.0.0.1 host=catalog port=5432 dbname=tenantdesk_catalog user=alice "
            "passfile=/home/alice/.pgpass sslmode=verify-full"));
        const ConnectionParams p = base.withEndpoint(QStringLiteral("shard-2.internal"), 6432,
                                                     QStringLiteral("tenants"));
        QVERIFY(!p.contains("service"));
        QVERIFY(!p.contains("hostaddr"));
        QCOMPARE(p.value("host"), QStringLiteral("shard-2.internal"));
        QCOMPARE(p.value("port"), QStringLiteral("6432"));
        QCOMPARE(p.value("dbname"), QStringLiteral("tenants"));
        QCOMPARE(p.value("user"), QStringLiteral("alice"));
        QCOMPARE(p.value("passfile"), QStringLiteral("/home/alice/.pgpass"));
        QCOMPARE(p.value("sslmode"), QStringLiteral("verify-full"));
    }

    void safeDefaultsBoundEveryWaitButKeepExplicitValues()
    {
        const ConnectionParams p = ConnectionParams::parse(
                                       QStringLiteral("host=h connect_timeout=2 options='-c work_mem=64MB'"))
                                       .withSafeDefaults(1234);
        QCOMPARE(p.value("connect_timeout"), QStringLiteral("2"));
        QCOMPARE(p.value("keepalives"), QStringLiteral("1"));
        QVERIFY(p.contains("tcp_user_timeout"));
        QCOMPARE(p.value("options"), QStringLiteral("-c work_mem=64MB -c statement_timeout=1234"));
        // Applying them again changes nothing.
        QCOMPARE(p.withSafeDefaults(1234), p);
    }

    void connectionStringNeverPrintsThePassword()
    {
        const ConnectionParams p = ConnectionParams::parse(QStringLiteral("host=h user=u password=hunter2 dbname=d"));
        QVERIFY(p.contains("password")); // kept for connecting (a prompted password) ...
        const QString text = p.toConnectionString();
        QVERIFY(!text.contains(QLatin1String("hunter2"))); // ... but never printed
        QVERIFY(!text.contains(QLatin1String("password")));
        QVERIFY(!p.toDisplayString().contains(QLatin1String("hunter2")));
        QVERIFY(sameEntries(ConnectionParams::parse(text),
                            ConnectionParams::parse(QStringLiteral("host=h user=u dbname=d"))));
    }

    void connectionStringQuotesWhatNeedsIt()
    {
        ConnectionParams p;
        p.set("host", QStringLiteral("/var/run/postgresql"));
        p.set("dbname", QStringLiteral("my db"));
        p.set("user", QStringLiteral("o'brien"));
        p.set("application_name", QStringLiteral("back\\slash"));
        p.set("options", QStringLiteral("-c search_path=\"x y\""));
        const QString text = p.toConnectionString();
        QVERIFY(text.startsWith(QLatin1String("host=/var/run/postgresql ")));
        QVERIFY(text.contains(QLatin1String("dbname='my db'")));
        QVERIFY(text.contains(QLatin1String("user='o\\'brien'")));
        // Whatever it printed, libpq reads back the same values.
        QVERIFY(sameEntries(ConnectionParams::parse(text), p));
    }

    void displayString()
    {
        QCOMPARE(ConnectionParams::parse(QStringLiteral("host=db port=5433 dbname=cat user=alice")).toDisplayString(),
                 QStringLiteral("db:5433/cat as alice"));
        QCOMPARE(ConnectionParams::parse(QStringLiteral("service=fleet")).toDisplayString(),
                 QStringLiteral("service fleet"));
    }
};

QTEST_GUILESS_MAIN(TestConnectionParams)
#include "TestConnectionParams.moc"
