#include "catalog/ProfileStore.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

class TestProfileStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_file;

    static ConnectionProfile profile(const QString& name, const QString& host)
    {
        ConnectionProfile p;
        p.name = name;
        p.host = host;
        p.dbname = QStringLiteral("tenantdesk_catalog");
        return p;
    }

    QByteArray fileContents() const
    {
        QFile file(m_file);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private slots:
    void init()
    {
        m_file = m_dir.filePath(QStringLiteral("%1.ini").arg(QTest::currentTestFunction()));
        QFile::remove(m_file);
    }

    void saveListReplaceRemove()
    {
        QSettings settings(m_file, QSettings::IniFormat);
        ProfileStore store(&settings);
        QVERIFY(store.profiles().isEmpty());
        QCOMPARE(store.save(profile(QStringLiteral("prod"), QStringLiteral("a"))), QString());
        QCOMPARE(store.save(profile(QStringLiteral("staging/eu"), QStringLiteral("b"))), QString());
        QCOMPARE(store.save(profile(QStringLiteral("prod"), QStringLiteral("c"))), QString());
        QList<ConnectionProfile> list = store.profiles();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0], profile(QStringLiteral("prod"), QStringLiteral("c")));
        QCOMPARE(list[1].name, QStringLiteral("staging/eu"));

        // Another store on the same file sees them.
        QSettings again(m_file, QSettings::IniFormat);
        QCOMPARE(ProfileStore(&again).profiles(), list);

        QVERIFY(store.remove(QStringLiteral("prod")));
        QVERIFY(!store.remove(QStringLiteral("prod")));
        list = store.profiles();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].host, QStringLiteral("b"));
    }

    void invalidProfileIsNotSaved()
    {
        QSettings settings(m_file, QSettings::IniFormat);
        ProfileStore store(&settings);
        ConnectionProfile bad = profile(QStringLiteral("x"), QStringLiteral("h"));
        bad.dbname = QStringLiteral("host=evil dbname=x");
        QVERIFY(store.save(bad).contains(QLatin1String("looks like a connection string")));
        QVERIFY(store.profiles().isEmpty());
        ConnectionProfile withPassword = profile(QStringLiteral("y"), QString());
        withPassword.connectionString = QStringLiteral("host=h password=hunter2");
        QVERIFY(!store.save(withPassword).isEmpty());
        QVERIFY(store.profiles().isEmpty());
        QVERIFY(!fileContents().contains("hunter2"));
    }

    void noPasswordIsEverWritten()
    {
        {
            QSettings settings(m_file, QSettings::IniFormat);
            ProfileStore store(&settings);
            // A connection made with a password (typed at a prompt, or in a pasted string) saved as a
            // profile.
            const ConnectionParams params = ConnectionParams::parse(
                QStringLiteral("postgresql://alice:hunter2@catalog.internal:6543/cat?sslmode=require&connect_timeout=4"
                               "&application_name=TenantDesk"));
            QVERIFY(params.contains("password"));
            QCOMPARE(store.save(ConnectionProfile::fromParams(QStringLiteral("prod"), params)), QString());
            const ConnectionProfile saved = store.profiles().value(0);
            QCOMPARE(saved.host, QStringLiteral("catalog.internal"));
            QCOMPARE(saved.port, 6543);
            QVERIFY(saved.connectionString.contains(QLatin1String("connect_timeout=4")));
        }
        const QByteArray contents = fileContents();
        QVERIFY(contents.contains("catalog.internal"));
        QVERIFY2(!contents.contains("hunter2"), contents.constData());
        QVERIFY2(!contents.contains("password"), contents.constData());
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "TestProfileStore.moc"
