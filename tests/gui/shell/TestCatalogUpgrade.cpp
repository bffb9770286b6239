#include "ScriptedPrompts.h"
#include "TestFleet.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/ProfileStore.h"
#include "fleet/CatalogConnection.h"
#include "pg/PgConnection.h"
#include "ui/shell/MainWindow.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// Opening a catalog older than this build: the window asks before upgrading it, and upgrades
// only when told to. A scratch database at catalog version 1 on the sandbox's catalog server.
class TestCatalogUpgrade : public QObject {
    Q_OBJECT

private:
    QString m_database = QStringLiteral("td_gui_upgrade_%1").arg(QCoreApplication::applicationPid());
    PgConnection m_admin;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    ScriptedPrompts m_prompts;

    ConnectionParams scratchParams() const
    {
        ConnectionParams params = TestFleet::catalogParams();
        params.set("dbname", m_database);
        return params;
    }

    int scratchVersion() const
    {
        PgConnection c;
        c.open(scratchParams().withSafeDefaults());
        return CatalogMigrator::currentVersion(c);
    }

    std::unique_ptr<MainWindow> openScratch()
    {
        auto window = std::make_unique<MainWindow>(m_prompts, *m_profiles);
        window->show();
        window->openCatalog(scratchParams());
        return window;
    }

private slots:
    void initTestCase()
    {
        if (CatalogMigrator::latestVersion() < 2)
            QSKIP("this build has a single catalog version");
        QStandardPaths::setTestModeEnabled(true);
        m_settings = std::make_unique<QSettings>(m_settingsDir.filePath(QStringLiteral("profiles.ini")),
                                                 QSettings::IniFormat);
        m_profiles = std::make_unique<ProfileStore>(m_settings.get());
        m_admin.open(TestFleet::catalogParams().withSafeDefaults());
        m_admin.execScript(QStringLiteral("CREATE DATABASE ") + m_admin.quoteIdentifier(m_database));
        PgConnection scratch;
        scratch.open(scratchParams().withSafeDefaults());
        QCOMPARE(CatalogMigrator::migrate(scratch, 1).to, 1);
    }

    void decliningLeavesTheCatalogAsItWas()
    {
        m_prompts.answer = false;
        const auto window = openScratch();
        QTRY_COMPARE_WITH_TIMEOUT(m_prompts.notices.size(), 1, 10000);
        QCOMPARE(m_prompts.questions.size(), 1);
        QVERIFY2(m_prompts.questions.constFirst().contains(
                     QStringLiteral("Upgrade catalog from v1 to v%1?").arg(CatalogMigrator::latestVersion())),
                 qPrintable(m_prompts.questions.constFirst()));
        QVERIFY(m_prompts.notices.constFirst().contains(QStringLiteral("left at version 1")));
        QVERIFY(!window->catalog()->isOpen());
        QCOMPARE(scratchVersion(), 1);
    }

    void acceptingUpgradesAndOpensIt()
    {
        m_prompts.answer = true;
        m_prompts.questions.clear();
        m_prompts.notices.clear();
        const auto window = openScratch();
        QTRY_VERIFY_WITH_TIMEOUT(window->catalog()->isComplete(), 15000);
        QCOMPARE(m_prompts.questions.size(), 1);
        QVERIFY(m_prompts.notices.isEmpty());
        QCOMPARE(window->catalog()->info().catalogVersion, CatalogMigrator::latestVersion());
        QCOMPARE(scratchVersion(), CatalogMigrator::latestVersion());
    }

    void cleanupTestCase()
    {
        if (m_admin.isOpen())
            m_admin.execScript(QStringLiteral("DROP DATABASE IF EXISTS ") + m_admin.quoteIdentifier(m_database)
                               + QStringLiteral(" WITH (FORCE)"));
    }
};

QTEST_MAIN(TestCatalogUpgrade)
#include "TestCatalogUpgrade.moc"
