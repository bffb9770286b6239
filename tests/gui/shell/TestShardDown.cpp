#include "ScriptedPrompts.h"
#include "WidgetInput.h"
#include "catalog/ProfileStore.h"
#include "fleet/CatalogConnection.h"
#include "fleet/FleetTreeModel.h"
#include "fleet/ShardTableModel.h"
#include "metrics/MetricsPoller.h"
#include "pg/PgInstallation.h"
#include "pg/PgServer.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxState.h"
#include "ui/dashboard/DashboardWidget.h"
#include "ui/shell/MainWindow.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

// A fleet with servers down: a sandbox of its own (the shared one must stay whole for the other
// tests) with the replica of shard 1 and the primary of shard 2 stopped. The window shows both
// as down, with libpq's reason, and everything else as usual.
class TestShardDown : public QObject {
    Q_OBJECT

private:
    // Stops and removes the sandbox even when a test fails or throws.
    struct SandboxGuard {
        QString dir;
        ~SandboxGuard()
        {
            try {
                Sandbox(dir).down(true);
            } catch (const std::exception& e) {
                qWarning("could not remove the sandbox in %s: %s", qPrintable(dir), e.what());
            }
        }
    };

    std::optional<SandboxGuard> m_sandbox;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    ScriptedPrompts m_prompts;
    std::unique_ptr<MainWindow> m_window;

    template <typename T>
    T* widget(const char* name) const
    {
        return namedChild<T>(m_window.get(), name);
    }

    int rowOf(const QAbstractItemModel* shards, const QString& shard, const QString& role) const
    {
        for (int row = 0; row < shards->rowCount(); ++row) {
            if (shards->index(row, ShardTableModel::Shard).data().toString() == shard
                && shards->index(row, ShardTableModel::Role).data().toString() == role)
                return row;
        }
        return -1;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        // Short: the servers' Unix sockets live in it.
        const QString dir = QDir::temp().filePath(
            QStringLiteral("td-shard-down-%1").arg(QCoreApplication::applicationPid()));
        m_sandbox.emplace(SandboxGuard{dir});
        Sandbox::Options options;
        options.tenants = 6;
        ConnectionParams catalog;
        QVERIFY_THROWS_NO_EXCEPTION(catalog = Sandbox(dir).up(options));
        const std::optional<SandboxState> state = SandboxState::load(dir);
        QVERIFY(state);
        const PgInstallation pg = PgInstallation::locate();
        pg.runAll({state->pgServer(state->replica()).stop(), state->pgServer(state->primary(2)).stop()}, 60000);

        m_settings = std::make_unique<QSettings>(m_settingsDir.filePath(QStringLiteral("profiles.ini")),
                                                 QSettings::IniFormat);
        m_profiles = std::make_unique<ProfileStore>(m_settings.get());
        m_window = std::make_unique<MainWindow>(m_prompts, *m_profiles);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy probed(m_window->catalog(), &CatalogConnection::endpointsProbed);
        m_window->openCatalog(catalog);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isComplete(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, 20000);
    }

    void listsEveryTenantWhileShardsAreDown()
    {
        QCOMPARE(widget<QTableView>("tenantTable")->model()->rowCount(), 6);
        QVERIFY(m_prompts.notices.isEmpty());
    }

    void showsTheDownEndpointsWithTheirErrors()
    {
        const QAbstractItemModel* shards = widget<QTableView>("shardTable")->model();
        QCOMPARE(shards->rowCount(), 3);
        const int primary1 = rowOf(shards, QStringLiteral("shard-1"), QStringLiteral("primary"));
        const int replica1 = rowOf(shards, QStringLiteral("shard-1"), QStringLiteral("replica"));
        const int primary2 = rowOf(shards, QStringLiteral("shard-2"), QStringLiteral("primary"));
        QTRY_COMPARE_WITH_TIMEOUT(shards->index(replica1, ShardTableModel::Status).data().toString(),
                                  QStringLiteral("down"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(shards->index(primary2, ShardTableModel::Status).data().toString(),
                                  QStringLiteral("down"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(shards->index(primary1, ShardTableModel::Status).data().toString(),
                                  QStringLiteral("up"), 15000);
        const QString why = shards->index(replica1, ShardTableModel::Status).data(Qt::ToolTipRole).toString();
        QVERIFY2(why.contains(QStringLiteral("is down: ")) && why.contains(QStringLiteral("refused")), qPrintable(why));
        QCOMPARE(HealthState(shards->index(replica1, 0).data(ShardTableModel::HealthRole).toInt()), HealthState::Down);

        // The details of the shard say which endpoint is down and why.
        QTableView* view = widget<QTableView>("shardTable");
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(shards->index(replica1, 0)).center());
        QCOMPARE(widget<QLabel>("shardDetailsTitle")->text(), QStringLiteral("shard-1"));
        const QLabel* problems = widget<QLabel>("shardProblems");
        QVERIFY(problems->text().startsWith(QStringLiteral("replica ")));
        QVERIFY(problems->text().contains(QStringLiteral("refused")));
    }

    void marksTheShardsDownInTheTree()
    {
        QTreeView* tree = widget<QTreeView>("fleetTree");
        const QAbstractItemModel* model = tree->model();
        const QModelIndex catalog = model->index(0, 0);
        QCOMPARE(model->rowCount(catalog), 2);
        using Health = HealthState;
        for (int shard = 0; shard < 2; ++shard) {
            const QModelIndex node = model->index(shard, 0, catalog);
            QCOMPARE(Health(node.data(FleetTreeModel::HealthRole).toInt()), Health::Down);
            QVERIFY(node.data(Qt::ToolTipRole).toString().contains(QStringLiteral("is down")));
        }
        const QModelIndex endpoints = model->index(0, 0, model->index(0, 0, catalog));
        QCOMPARE(model->index(0, 0, endpoints).data().toString().contains(QStringLiteral("down")), false);
        QVERIFY(model->index(1, 0, endpoints).data().toString().endsWith(QStringLiteral(" — down")));
    }

    // While the Load tab polls, the tree follows its samples with no Refresh: shard 2's primary,
    // started by hand, turns up; stopped again, it turns down within two intervals.
    void theTreeFollowsTheLoadTab()
    {
        auto* dashboard = widget<DashboardWidget>("dashboard");
        widget<QTabWidget>("mainTabs")->setCurrentWidget(dashboard);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->poller() && !dashboard->poller()->isPaused(), 15000);
        auto* interval = widget<QComboBox>("dashboardInterval");
        interval->setCurrentIndex(interval->findData(1000));
        QCOMPARE(dashboard->poller()->interval(), 1000);

        const FleetTreeModel* tree = qobject_cast<const FleetTreeModel*>(widget<QTreeView>("fleetTree")->model());
        const QModelIndex shard2 = tree->index(1, 0, tree->catalogIndex());
        using Health = HealthState;
        auto shardHealth = [&] { return Health(shard2.data(FleetTreeModel::HealthRole).toInt()); };
        QCOMPARE(shardHealth(), Health::Down);

        const SandboxState state = *SandboxState::load(m_sandbox->dir);
        const PgServer primary2 = state.pgServer(state.primary(2));
        const PgInstallation pg = PgInstallation::locate();
        pg.run(primary2.start(state.logFile(state.primary(2))), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(shardHealth(), Health::Ok, 20000);

        QElapsedTimer sinceStop;
        pg.run(primary2.stop(), 60000);
        sinceStop.start();
        QTRY_COMPARE_WITH_TIMEOUT(shardHealth(), Health::Down, 10000);
        QVERIFY2(sinceStop.elapsed() <= 2 * 1000 + 500, qPrintable(QString::number(sinceStop.elapsed())));
    }
};

QTEST_MAIN(TestShardDown)
#include "TestShardDown.moc"
