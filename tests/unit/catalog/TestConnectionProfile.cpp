#include "catalog/ConnectionProfile.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>

class TestConnectionProfile : public QObject {
    Q_OBJECT

    static ConnectionProfile valid()
    {
        ConnectionProfile p;
        p.name = QStringLiteral("Production catalog");
        p.host = QStringLiteral("catalog.internal");
        p.port = 5432;
        p.dbname = QStringLiteral("tenantdesk_catalog");
        p.user = QStringLiteral("alice");
        return p;
    }

private slots:
    void validProfilesPass()
    {
        QCOMPARE(valid().validate(), QString());
        ConnectionProfile service;
        service.name = QStringLiteral("From pg_service.conf");
        service.service = QStringLiteral("fleet-catalog");
        QCOMPARE(service.validate(), QString());
        ConnectionProfile fromString;
        fromString.name = QStringLiteral("Pasted");
        fromString.connectionString = QStringLiteral(
            "postgresql://alice@catalog.internal/tenantdesk_catalog?sslmode=require");
        QCOMPARE(fromString.validate(), QString());
        ConnectionProfile verify = valid();
        verify.sslmode = QStringLiteral("verify-full"); // libpq's default root certificate applies
        QCOMPARE(verify.validate(), QString());
        ConnectionProfile defaultPort = valid();
        defaultPort.port = 0;
        QCOMPARE(defaultPort.validate(), QString());
        ConnectionProfile plainEquals = valid();
        plainEquals.dbname = QStringLiteral("weird=name"); // not a libpq keyword: a legal, if odd, name
        QCOMPARE(plainEquals.validate(), QString());
        ConnectionProfile unicode = valid();
        unicode.user = QStringLiteral("jürgen");
        QCOMPARE(unicode.validate(), QString());
    }

    void connectionStringInAField()
    {
        ConnectionProfile p = valid();
        p.dbname = QStringLiteral("host=evil dbname=x");
        QCOMPARE(
            p.validate(),
            QStringLiteral("The database name looks like a connection string (\"host=... dbname=...\"). Enter a plain "
                           "name here, or paste the whole string into \"Connection string\"."));
    }

    void badInput_data()
    {
        QTest::addColumn<ConnectionProfile>("profile");
        QTest::addColumn<QString>("expected"); // a part of the message
        auto row = [](const char* name, const std::function<void(ConnectionProfile&)>& change, const char* expected) {
            ConnectionProfile p = valid();
            change(p);
            QTest::newRow(name) << p << QString::fromUtf8(expected);
        };
        row(
            "no name", [](ConnectionProfile& p) { p.name = QStringLiteral("  "); }, "Enter a name");
        row(
            "name too long", [](ConnectionProfile& p) { p.name = QString(101, u'x'); }, "at most 100");
        row(
            "control character in name", [](ConnectionProfile& p) { p.name = QStringLiteral("a\u0007b"); },
            "The name contains a control character (U+0007) at position 2");
        row(
            "no host, no service", [](ConnectionProfile& p) { p.host.clear(); }, "Enter a host");
        row(
            "negative port", [](ConnectionProfile& p) { p.port = -1; }, "between 1 and 65535");
        row(
            "port too high", [](ConnectionProfile& p) { p.port = 65536; }, "between 1 and 65535");
        row(
            "user with key=value", [](ConnectionProfile& p) { p.user = QStringLiteral("bob password=x"); },
            "The user name looks like a connection string");
        row(
            "user with spaced key = value",
            [](ConnectionProfile& p) { p.user = QStringLiteral("bob sslmode = disable"); },
            "The user name looks like a connection string");
        row(
            "host with key=value", [](ConnectionProfile& p) { p.host = QStringLiteral("h port=1"); },
            "The host looks like a connection string");
        row(
            "service with key=value", [](ConnectionProfile& p) { p.service = QStringLiteral("service=x"); },
            "The service name looks like a connection string");
        row(
            "URI in host", [](ConnectionProfile& p) { p.host = QStringLiteral("postgresql://evil/db"); },
            "The host looks like a connection URI");
        row(
            "URI in user", [](ConnectionProfile& p) { p.user = QStringLiteral("POSTGRES://evil"); },
            "The user name looks like a connection URI");
        row(
            "control character", [](ConnectionProfile& p) { p.dbname = QStringLiteral("cat\nalog"); },
            "The database name contains a control character (U+000A) at position 4");
        row(
            "invisible character", [](ConnectionProfile& p) { p.host = QStringLiteral("catalog\u200b.internal"); },
            "The host contains an invisible character (U+200B)");
        row(
            "direction override", [](ConnectionProfile& p) { p.user = QStringLiteral("ali\u202ece"); },
            "invisible character (U+202E)");
        row(
            "invalid UTF-8", [](ConnectionProfile& p) { p.dbname = QString::fromUtf8("cat\xff\xfe"); },
            "The database name is not valid UTF-8");
        row(
            "lone surrogate", [](ConnectionProfile& p) { p.user = QString(QChar(char16_t(0xD800))); },
            "is not valid UTF-8");
        row(
            "field too long", [](ConnectionProfile& p) { p.dbname = QString(2000, u'd'); }, "at most 1024");
        row(
            "unknown sslmode", [](ConnectionProfile& p) { p.sslmode = QStringLiteral("on"); },
            "The SSL mode must be one of disable, allow, prefer, require, verify-ca, verify-full.");
        row(
            "missing root certificate",
            [](ConnectionProfile& p) { p.sslrootcert = QStringLiteral("/nonexistent/ca.pem"); },
            "The root certificate \"/nonexistent/ca.pem\" does not exist");
        row(
            "missing password file", [](ConnectionProfile& p) { p.passfile = QStringLiteral("/nonexistent/pgpass"); },
            "The password file \"/nonexistent/pgpass\" does not exist");
        row(
            "unparsable connection string",
            [](ConnectionProfile& p) { p.connectionString = QStringLiteral("host=h port"); },
            "Invalid connection string");
        row(
            "password in connection string",
            [](ConnectionProfile& p) { p.connectionString = QStringLiteral("postgresql://alice:secret@h/db"); },
            "The connection string contains a password");
        row(
            "control character in connection string",
            [](ConnectionProfile& p) { p.connectionString = QStringLiteral("host=h\u0001"); },
            "The connection string contains a control character");
    }

    void badInput()
    {
        QFETCH(ConnectionProfile, profile);
        QFETCH(QString, expected);
        const QString message = profile.validate();
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void existingRootCertificateAndSystem()
    {
        QTemporaryDir dir;
        const QString ca = dir.filePath(QStringLiteral("ca.pem"));
        QFile file(ca);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        ConnectionProfile p = valid();
        p.sslmode = QStringLiteral("verify-ca");
        p.sslrootcert = ca;
        QCOMPARE(p.validate(), QString());
        p.sslrootcert = QStringLiteral("system");
        QCOMPARE(p.validate(), QString());
        p.sslrootcert = dir.path(); // a directory is not a certificate
        QVERIFY(!p.validate().isEmpty());
    }

    void toParamsHasTheFieldsAndNoPassword()
    {
        ConnectionProfile p = valid();
        p.sslmode = QStringLiteral("require");
        const ConnectionParams params = p.toParams();
        QCOMPARE(params.value("host"), QStringLiteral("catalog.internal"));
        QCOMPARE(params.value("port"), QStringLiteral("5432"));
        QCOMPARE(params.value("dbname"), QStringLiteral("tenantdesk_catalog"));
        QCOMPARE(params.value("user"), QStringLiteral("alice"));
        QCOMPARE(params.value("sslmode"), QStringLiteral("require"));
        QVERIFY(!params.contains("password"));
        QVERIFY(!params.contains("passfile"));
    }

    void fieldsOverrideTheConnectionString()
    {
        ConnectionProfile p;
        p.name = QStringLiteral("x");
        p.connectionString = QStringLiteral("host=a port=6000 dbname=cat user=bob password=secret connect_timeout=7");
        p.user = QStringLiteral("alice");
        const ConnectionParams params = p.toParams();
        QCOMPARE(params.value("host"), QStringLiteral("a"));
        QCOMPARE(params.value("port"), QStringLiteral("6000")); // port 0: the string's
        QCOMPARE(params.value("user"), QStringLiteral("alice"));
        QCOMPARE(params.value("connect_timeout"), QStringLiteral("7"));
        QVERIFY(!params.contains("password"));
    }

    void fromParamsDropsThePassword()
    {
        const ConnectionParams params = ConnectionParams::parse(
            QStringLiteral("host=h port=6543 dbname=d user=u password=hunter2 sslmode=require connect_timeout=4"));
        const ConnectionProfile p = ConnectionProfile::fromParams(QStringLiteral("mine"), params);
        QCOMPARE(p.name, QStringLiteral("mine"));
        QCOMPARE(p.host, QStringLiteral("h"));
        QCOMPARE(p.port, 6543);
        QCOMPARE(p.dbname, QStringLiteral("d"));
        QCOMPARE(p.user, QStringLiteral("u"));
        QCOMPARE(p.sslmode, QStringLiteral("require"));
        QCOMPARE(p.connectionString, QStringLiteral("connect_timeout=4"));
        QCOMPARE(p.validate(), QString());
        ConnectionParams withoutPassword = params;
        withoutPassword.remove("password");
        for (const auto& [keyword, value] : withoutPassword.entries())
            QCOMPARE(p.toParams().value(keyword), QString::fromUtf8(value));
        QCOMPARE(p.toParams().entries().size(), withoutPassword.entries().size());
    }
};

QTEST_GUILESS_MAIN(TestConnectionProfile)
#include "TestConnectionProfile.moc"
