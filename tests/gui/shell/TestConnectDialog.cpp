#include "ScriptedPrompts.h"
#include "TestFleet.h"
#include "WidgetInput.h"
#include "catalog/ProfileStore.h"
#include "fleet/CatalogConnection.h"
#include "fleet/TenantTableModel.h"
#include "pg/PgConnection.h"
#include "sandbox/FreePort.h"
#include "ui/shell/ConnectDialog.h"
#include "ui/shell/MainWindow.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// The connect dialog inside the real main window: every bad input is caught before anything is
// sent, the server's refusals are shown as libpq words them, and profiles never hold a password.
class TestConnectDialog : public QObject {
    Q_OBJECT

private:
    using Fields = QList<std::pair<const char*, QString>>;

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    ScriptedPrompts m_prompts;
    std::unique_ptr<MainWindow> m_window;
    QPointer<ConnectDialog> m_dialog;

    template <typename T>
    T* widget(const char* name) const
    {
        return namedChild<T>(m_dialog.data(), name);
    }

    QString settingsFile() const { return m_dir.filePath(QStringLiteral("profiles.ini")); }

    void openWindow()
    {
        m_window = std::make_unique<MainWindow>(m_prompts, *m_profiles);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        // As a user opens it: File > Connect…
        m_window->findChild<QAction*>(QStringLiteral("actionConnect"))->trigger();
        m_dialog = m_window->findChild<ConnectDialog*>();
        QVERIFY(m_dialog);
        QVERIFY(m_dialog->isVisible());
    }

    // Types each value into its field, replacing what was there.
    void type(const Fields& fields)
    {
        for (const auto& [name, value] : fields) {
            QLineEdit* edit = widget<QLineEdit>(name);
            edit->selectAll();
            QTest::keyClick(edit, Qt::Key_Delete);
            QTest::keyClicks(edit, value);
        }
    }

    // The sandbox catalog as a user types it in; the password comes from the sandbox passfile.
    static Fields sandboxFields()
    {
        const ConnectionParams p = TestFleet::catalogParams();
        return {{"host", p.value("host")},
                {"port", p.value("port")},
                {"database", p.value("dbname")},
                {"user", p.value("user")},
                {"passfile", TestFleet::passfile()}};
    }

    void click(const char* button) { QTest::mouseClick(widget<QPushButton>(button), Qt::LeftButton); }

    QString error() const
    {
        const QLabel* label = m_dialog->findChild<QLabel*>(QStringLiteral("connectError"));
        return label->isVisible() ? label->text() : QString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qunsetenv("PGPASSWORD");
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(settingsFile());
        m_settings = std::make_unique<QSettings>(settingsFile(), QSettings::IniFormat);
        m_profiles = std::make_unique<ProfileStore>(m_settings.get());
        openWindow();
    }

    void cleanup()
    {
        m_window.reset();
        m_profiles.reset();
        m_settings.reset();
        m_prompts.questions.clear();
        m_prompts.notices.clear();
    }

    void rejectsBadInputBeforeSendingAnything_data()
    {
        QTest::addColumn<Fields>("fields");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty host") << Fields{{"database", QStringLiteral("tenantdesk_catalog")}}
                                    << QStringLiteral("Enter a host");
        QTest::newRow("port not a number")
            << Fields{{"host", QStringLiteral("localhost")}, {"port", QStringLiteral("54x2")}}
            << QStringLiteral("The port must be a number between 1 and 65535");
        QTest::newRow("port out of range")
            << Fields{{"host", QStringLiteral("localhost")}, {"port", QStringLiteral("70000")}}
            << QStringLiteral("The port must be a number between 1 and 65535");
        QTest::newRow("connection string as database")
            << Fields{{"host", QStringLiteral("localhost")},
                      {"database", QStringLiteral("host=db.example.com dbname=catalog")}}
            << QStringLiteral("The database name looks like a connection string");
        QTest::newRow("URI as host") << Fields{{"host", QStringLiteral("postgresql://admin@db.example.com/catalog")}}
                                     << QStringLiteral("The host looks like a connection URI");
        QTest::newRow("password in connection string")
            << Fields{{"connectionString", QStringLiteral("host=localhost password=hunter2")}}
            << QStringLiteral("The connection string contains a password");
        QTest::newRow("broken connection string") << Fields{{"connectionString", QStringLiteral("host='localhost")}}
                                                  << QStringLiteral("Invalid connection string");
        QTest::newRow("missing root certificate")
            << Fields{{"host", QStringLiteral("localhost")}, {"sslRootCert", QStringLiteral("/nonexistent/root.crt")}}
            << QStringLiteral("The root certificate \"/nonexistent/root.crt\" does not exist");
    }

    void rejectsBadInputBeforeSendingAnything()
    {
        QFETCH(Fields, fields);
        QFETCH(QString, message);
        QSignalSpy activity(m_window->catalog(), &CatalogConnection::activityChanged);
        type(fields);
        click("connectButton");
        QVERIFY2(error().startsWith(message), qPrintable(error()));
        QCOMPARE(activity.count(), 0); // not even a connection attempt
        QVERIFY(m_dialog && m_dialog->isVisible());
        QVERIFY(widget<QPushButton>("connectButton")->isEnabled());
        QVERIFY(!m_window->catalog()->isOpen());
    }

    void showsTheServersRefusalOfAWrongPassword()
    {
        type(sandboxFields());
        type({{"passfile", QString()}, {"password", QStringLiteral("not-the-password")}});
        click("connectButton");
        QVERIFY(!widget<QPushButton>("connectButton")->isEnabled()); // connecting
        QTRY_VERIFY_WITH_TIMEOUT(error().contains(QStringLiteral("password authentication failed")), 10000);
        QVERIFY(widget<QPushButton>("connectButton")->isEnabled());
        QVERIFY(!m_window->catalog()->isOpen());
        QVERIFY(m_dialog->isVisible());
    }

    void showsThatNobodyListensOnAPort()
    {
        const int port = FreePort::pick(1).constFirst();
        type({{"host", QStringLiteral("127.0.0.1")}, {"port", QString::number(port)}});
        click("connectButton");
        QTRY_VERIFY_WITH_TIMEOUT(error().contains(QStringLiteral("Connection refused")), 10000);
        QVERIFY(error().contains(QString::number(port)));
        QVERIFY(!m_window->catalog()->isOpen());
    }

    void refusesADatabaseWithoutACatalogAndWritesNothing()
    {
        const ConnectionParams shard = TestFleet::shardParams(1);
        type(sandboxFields());
        type({{"port", shard.value("port")}, {"database", shard.value("dbname")}});
        click("connectButton");
        QTRY_VERIFY_WITH_TIMEOUT(error().contains(QStringLiteral("holds no TenantDesk catalog")), 10000);
        QVERIFY(!m_window->catalog()->isOpen());
        PgConnection c;
        c.open(shard.withSafeDefaults());
        QVERIFY(c.exec(QStringLiteral("SELECT to_regnamespace('tenantdesk') IS NULL")).toBool(0, 0));
        // The window is still usable: cancel, and connect again from the menu.
        m_dialog->reject();
        QTRY_VERIFY(!m_dialog);
        m_window->findChild<QAction*>(QStringLiteral("actionConnect"))->trigger();
        QTRY_VERIFY(m_window->findChild<ConnectDialog*>());
    }

    void connectsAndClosesTheDialog()
    {
        type(sandboxFields());
        click("connectButton");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isOpen(), 10000);
        QTRY_VERIFY(!m_dialog);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isComplete(), 10000);
        QVERIFY(m_prompts.notices.isEmpty());
    }

    void aFailedAttemptKeepsTheOpenCatalog()
    {
        type(sandboxFields());
        click("connectButton");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isComplete(), 10000);
        const QString shown = m_window->findChild<QLabel*>(QStringLiteral("statusCatalog"))->text();
        const int tenants = m_window->tenantModel()->rowCount();

        m_window->findChild<QAction*>(QStringLiteral("actionConnect"))->trigger();
        m_dialog = m_window->findChild<ConnectDialog*>();
        QVERIFY(m_dialog);
        type(sandboxFields());
        type({{"port", QString::number(FreePort::pick(1).constFirst())}});
        click("connectButton");
        QTRY_VERIFY_WITH_TIMEOUT(error().contains(QStringLiteral("Connection refused")), 10000);
        QVERIFY(m_window->catalog()->isOpen());
        QCOMPARE(m_window->tenantModel()->rowCount(), tenants);
        QCOMPARE(m_window->findChild<QLabel*>(QStringLiteral("statusCatalog"))->text(), shown);
    }

    void savesProfilesWithoutThePassword()
    {
        const QString password = QStringLiteral("s3cret-Pa55word");
        type(sandboxFields());
        type({{"profileName", QStringLiteral("Sandbox catalog")}, {"password", password}});
        click("saveProfile");
        QCOMPARE(error(), QString());
        QListWidget* list = widget<QListWidget>("profileList");
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->currentItem()->text(), QStringLiteral("Sandbox catalog"));

        // The password was typed, used, and never written anywhere.
        type({{"passfile", QString()}, {"password", password}});
        click("connectButton");
        QTRY_VERIFY_WITH_TIMEOUT(!error().isEmpty() || !m_dialog, 10000);
        m_settings->sync();
        QFile file(settingsFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("Sandbox catalog"));
        QVERIFY(stored.contains(TestFleet::catalogParams().value("dbname").toUtf8()));
        QVERIFY2(!stored.contains(password.toUtf8()), stored.constData());
        QVERIFY(!stored.toLower().contains("password="));
    }

    void savingNeedsAName()
    {
        type(sandboxFields());
        click("saveProfile");
        QVERIFY(error().startsWith(QStringLiteral("Enter a name")));
        QCOMPARE(m_profiles->profiles().size(), 0);
    }

    void reopensWithTheLastProfileAndDeletesProfiles()
    {
        type(sandboxFields());
        type({{"profileName", QStringLiteral("first")}});
        click("saveProfile");
        type({{"profileName", QStringLiteral("second")}, {"host", QStringLiteral("db.example.com")}});
        click("saveProfile");
        QCOMPARE(m_profiles->profiles().size(), 2);

        QListWidget* list = widget<QListWidget>("profileList");
        list->setCurrentRow(0);
        QCOMPARE(widget<QLineEdit>("host")->text(), TestFleet::catalogParams().value("host"));
        click("connectButton");
        QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isOpen(), 10000);

        // A new window's dialog starts on the profile used last, ready to connect.
        m_window.reset();
        openWindow();
        list = widget<QListWidget>("profileList");
        QCOMPARE(list->currentItem()->text(), QStringLiteral("first"));
        QCOMPARE(widget<QLineEdit>("database")->text(), TestFleet::catalogParams().value("dbname"));
        QCOMPARE(m_dialog->focusWidget(), widget<QPushButton>("connectButton"));

        m_prompts.answer = false;
        click("deleteProfile");
        QCOMPARE(m_prompts.questions.size(), 1);
        QCOMPARE(list->count(), 2);
        m_prompts.answer = true;
        click("deleteProfile");
        QCOMPARE(list->count(), 1);
        QCOMPARE(m_profiles->profiles().constFirst().name, QStringLiteral("second"));
    }
};

QTEST_MAIN(TestConnectDialog)
#include "TestConnectDialog.moc"
