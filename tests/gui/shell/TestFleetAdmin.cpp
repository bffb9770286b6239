#include "ScratchDatabase.h"
#include "TestFleet.h"
#include "WindowServices.h"
#include "catalog/CatalogMigrator.h"
#include "fleet/FleetTreeModel.h"
#include "fleet/ShardTableModel.h"
#include "fleet/TenantTableModel.h"
#include "fleetadmin/FleetEditor.h"
#include "fleetadmin/FleetListing.h"
#include "ui/common/HealthColors.h"
#include "ui/fleetadmin/FleetActions.h"
#include "ui/fleetadmin/FleetForms.h"
#include "ui/fleetadmin/ShardCheckDialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>

// The Fleet menu on a catalog of the test's own: shards and endpoints added and edited through
// the dialogs, a refused change keeping its dialog, the check dialog, and the tree, the Shards
// table and the tenant rows following a change made on another connection (another admin)
// without a refresh.
class TestFleetAdmin : public QObject {
    Q_OBJECT

    ScratchDatabase m_db{QStringLiteral("fleetadmin")};
    PgConnection m_other; // another admin, in another process as far as the window knows
    WindowServices m_services;
    std::unique_ptr<MainWindow> m_window;

    QAction* action(const char* name) const { return namedChild<QAction>(m_window.get(), name); }
    template <typename T>
    static T* child(QWidget* dialog, const char* name)
    {
        return namedChild<T>(dialog, name);
    }
    template <typename T>
    static T* openDialog()
    {
        T* found = nullptr;
        const auto seen = [&] {
            for (QWidget* w : QApplication::topLevelWidgets()) {
                if (auto* d = qobject_cast<T*>(w); d && d->isVisible())
                    found = d;
            }
            return found != nullptr;
        };
        if (!QTest::qWaitFor(seen, 10000))
            qFatal("no dialog opened");
        return found;
    }
    static void clickOk(QWidget* dialog)
    {
        QTest::mouseClick(child<QDialogButtonBox>(dialog, "fleetFormButtons")->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);
    }

    // The tree's node whose text starts with text, searched everywhere; invalid when none.
    QModelIndex treeNode(const QString& text, const QModelIndex& parent = {}) const
    {
        const QAbstractItemModel* model = namedChild<QTreeView>(m_window.get(), "fleetTree")->model();
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (index.data().toString().startsWith(text))
                return index;
            if (const QModelIndex found = treeNode(text, index); found.isValid())
                return found;
        }
        return {};
    }
    // The Shards table's text for an endpoint row of shard, e.g. "127.0.0.1:5433".
    QStringList endpointsShown(const QString& shard) const
    {
        const QAbstractItemModel* model = namedChild<QTableView>(m_window.get(), "shardTable")->model();
        QStringList shown;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, ShardTableModel::Shard).data().toString() == shard)
                shown.append(model->index(row, ShardTableModel::Endpoint).data().toString());
        }
        return shown;
    }
    int shardId(const QString& name) { return FleetListing::shard(m_other, name).id; }
    QTableView* tenantView() const { return namedChild<QTableView>(m_window.get(), "tenantTable"); }

private slots:
    void initTestCase()
    {
        m_other.open(m_db.params());
        CatalogMigrator::migrate(m_other);
        FleetEditor(m_other).addShard({QStringLiteral("gui-one"), QStringLiteral("tenants"), 100});
        FleetEditor(m_other).addEndpoint(QStringLiteral("gui-one"),
                                         {QStringLiteral("primary"), TestFleet::catalogParams().value("host"),
                                          TestFleet::state().primary(1).port, 5, QStringLiteral("none")});
        // Tenants in the catalog only (their schemas are never looked at here): more than the
        // first page, so that the list is loaded in two parts before it is reloaded whole.
        const int rows = CatalogConnection::FirstPageRows + 100;
        const int four = FleetEditor(m_other).addShard({QStringLiteral("gui-four"), QStringLiteral("tenants"), rows});
        m_other.exec(QStringLiteral("INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, "
                                    "schema_name, state) "
                                    "SELECT 't' || lpad(n::text, 4, '0'), 'Tenant ' || n, 'schema', $1, "
                                    "'t' || lpad(n::text, 4, '0'), 'active' FROM generate_series(1, $2) n"),
                     {four, rows});
        m_window = m_services.showWindow();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!action("actionAddShard")->isEnabled());
        QSignalSpy loaded(m_window->catalog(), &CatalogConnection::loaded);
        m_window->openCatalog(m_db.params());
        QVERIFY(loaded.wait(15000));
        QTRY_VERIFY_WITH_TIMEOUT(treeNode(QStringLiteral("gui-one")).isValid(), 10000);
    }

    void addShardThroughTheDialog()
    {
        action("actionAddShard")->trigger();
        auto* dialog = openDialog<ShardDialog>();
        child<QLineEdit>(dialog, "shardName")->setText(QStringLiteral("Bad Name"));
        clickOk(dialog);
        auto* error = child<QLabel>(dialog, "fleetFormError");
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 10000);
        QVERIFY2(error->text().contains(QStringLiteral("shard name")), qPrintable(error->text()));
        QVERIFY(dialog->isVisible()); // what was typed is kept

        child<QLineEdit>(dialog, "shardName")->setText(QStringLiteral("gui-two"));
        child<QLineEdit>(dialog, "shardDatabase")->setText(QStringLiteral("app \"tenants\""));
        child<QSpinBox>(dialog, "shardCapacity")->setValue(42);
        QPointer<ShardDialog> closing(dialog);
        clickOk(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!closing, 10000);
        const FleetShard added = FleetListing::shard(m_other, QStringLiteral("gui-two"));
        QCOMPARE(added.spec.tenantDatabase, QStringLiteral("app \"tenants\""));
        QCOMPARE(added.spec.capacity, 42);
        QTRY_VERIFY_WITH_TIMEOUT(treeNode(QStringLiteral("gui-two")).isValid(), 10000);
    }

    void addEndpointToTheSelectedShard()
    {
        m_window->fleetActions()->setCurrent(shardId(QStringLiteral("gui-two")), 0);
        action("actionAddEndpoint")->trigger();
        auto* dialog = openDialog<EndpointDialog>();
        child<QLineEdit>(dialog, "endpointHost")->setText(QStringLiteral("db-two.internal"));
        child<QSpinBox>(dialog, "endpointPort")->setValue(6543);
        QPointer<EndpointDialog> closing(dialog);
        clickOk(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!closing, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(endpointsShown(QStringLiteral("gui-two")),
                                  QStringList{QStringLiteral("db-two.internal:6543")}, 10000);
    }

    void followsChangesMadeElsewhere()
    {
        FleetEditor other(m_other);
        other.addShard({QStringLiteral("gui-three"), QStringLiteral("tenants"), 10});
        other.addEndpoint(QStringLiteral("gui-three"),
                          {QStringLiteral("primary"), QStringLiteral("db-three"), 5432, 5, QStringLiteral("none")});
        QTRY_VERIFY_WITH_TIMEOUT(treeNode(QStringLiteral("gui-three")).isValid(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(endpointsShown(QStringLiteral("gui-three")),
                                  QStringList{QStringLiteral("db-three:5432")}, 10000);

        const FleetShard three = FleetListing::shard(m_other, QStringLiteral("gui-three"));
        other.editEndpoint(QStringLiteral("gui-three"), three.endpoints.constFirst().id,
                           {QStringLiteral("primary"), QStringLiteral("db-three"), 6000, 5, QStringLiteral("none")});
        QTRY_COMPARE_WITH_TIMEOUT(endpointsShown(QStringLiteral("gui-three")),
                                  QStringList{QStringLiteral("db-three:6000")}, 10000);
    }

    void checkShardShowsEveryCheck()
    {
        m_window->fleetActions()->setCurrent(shardId(QStringLiteral("gui-one")), 0);
        action("actionCheckShard")->trigger();
        auto* dialog = openDialog<ShardCheckDialog>();
        auto* checks = child<QTableWidget>(dialog, "shardChecks");
        QTRY_VERIFY_WITH_TIMEOUT(checks->rowCount() > 0 && !dialog->isRunning(), 20000);
        // The sandbox's shard 1 is prepared: every check passes and there is nothing to prepare.
        for (int row = 0; row < checks->rowCount(); ++row)
            QVERIFY2(checks->item(row, ShardCheckDialog::ResultColumn)->text() == QLatin1String("ok"),
                     qPrintable(checks->item(row, ShardCheckDialog::WhatColumn)->text() + u' '
                                + checks->item(row, ShardCheckDialog::FixColumn)->text()));
        QVERIFY(!child<QPushButton>(dialog, "shardPrepare")->isEnabled());
        dialog->close();
    }

    // Failures read as failures (the health scale's red), and the dialog fits the screen it
    // opens on (the offscreen one is 800x600), its buttons on it.
    void checkShardFailuresAreRedAndFitTheScreen()
    {
        FleetEditor(m_other).addShard({QStringLiteral("gui-closed"), QStringLiteral("tenants"), 10});
        FleetEditor(m_other).addEndpoint(
            QStringLiteral("gui-closed"),
            {QStringLiteral("primary"), TestFleet::catalogParams().value("host"), 1, 5, QStringLiteral("none")});
        QTRY_VERIFY_WITH_TIMEOUT(!endpointsShown(QStringLiteral("gui-closed")).isEmpty(), 10000);
        m_window->fleetActions()->setCurrent(shardId(QStringLiteral("gui-closed")), 0);
        action("actionCheckShard")->trigger();
        auto* dialog = openDialog<ShardCheckDialog>();
        auto* checks = child<QTableWidget>(dialog, "shardChecks");
        QTRY_VERIFY_WITH_TIMEOUT(checks->rowCount() > 0 && !dialog->isRunning(), 20000);
        int failed = 0;
        for (int row = 0; row < checks->rowCount(); ++row) {
            const QTableWidgetItem* result = checks->item(row, ShardCheckDialog::ResultColumn);
            if (result->text() != QLatin1String("FAILED"))
                continue;
            ++failed;
            QCOMPARE(result->foreground().color(), HealthColors::of(HealthState::Down));
            QVERIFY(!checks->item(row, ShardCheckDialog::FixColumn)->toolTip().isEmpty());
        }
        QVERIFY(failed > 0);
        const QRect screen = dialog->screen()->availableGeometry();
        QVERIFY2(dialog->width() <= screen.width() && dialog->height() <= screen.height(),
                 qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                .arg(dialog->width())
                                .arg(dialog->height())
                                .arg(screen.width())
                                .arg(screen.height())));
        dialog->close();
    }

    void drainAndRetireAsk()
    {
        m_window->fleetActions()->setCurrent(shardId(QStringLiteral("gui-three")), 0);
        action("actionDrainShard")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            FleetListing::shard(m_other, QStringLiteral("gui-three")).state == ShardState::Draining, 10000);
        action("actionRetireShard")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(FleetListing::shard(m_other, QStringLiteral("gui-three")).state == ShardState::Retired,
                                 10000);
        QCOMPARE(m_services.prompts.questions.size(), 2);
    }

    // A shard renamed by another admin: the tenant rows name it at once, without Refresh, and
    // without a reset of the list: the selected tenant stays selected and the list stays scrolled.
    void tenantRowsFollowAShardRenamedElsewhere()
    {
        QTableView* view = tenantView();
        TenantTableModel* tenants = m_window->tenantModel();
        QTRY_COMPARE_WITH_TIMEOUT(tenants->totalCount(), CatalogConnection::FirstPageRows + 100, 10000);
        const int chosen = tenants->rowCount() - 20; // far down the list
        view->setCurrentIndex(tenants->index(chosen, TenantTable::Slug));
        view->scrollTo(tenants->index(chosen, TenantTable::Slug), QAbstractItemView::PositionAtTop);
        const QString slug = tenants->index(chosen, TenantTable::Slug).data().toString();
        const int scrolled = view->verticalScrollBar()->value();
        QVERIFY(scrolled > 0);
        QCOMPARE(tenants->index(chosen, TenantTable::Shard).data().toString(), QStringLiteral("gui-four"));
        QSignalSpy resets(tenants, &QAbstractItemModel::modelReset);

        FleetShard four = FleetListing::shard(m_other, QStringLiteral("gui-four"));
        four.spec.name = QStringLiteral("gui-vier");
        FleetEditor(m_other).editShard(QStringLiteral("gui-four"), four.spec);

        QTRY_COMPARE_WITH_TIMEOUT(view->currentIndex().siblingAtColumn(TenantTable::Shard).data().toString(),
                                  QStringLiteral("gui-vier"), 10000);
        QCOMPARE(view->currentIndex().siblingAtColumn(TenantTable::Slug).data().toString(), slug);
        QCOMPARE(view->verticalScrollBar()->value(), scrolled);
        QCOMPARE(resets.count(), 0);
        QVERIFY(treeNode(QStringLiteral("gui-vier")).isValid());
        QCOMPARE(namedChild<QLabel>(m_window.get(), "detailShard")->text(), QStringLiteral("gui-vier"));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestFleetAdmin)
#include "TestFleetAdmin.moc"
