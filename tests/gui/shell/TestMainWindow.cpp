#include "ScriptedBrowsePrompts.h"
#include "TestFleet.h"
#include "WindowServices.h"
#include "fleet/CatalogConnection.h"
#include "fleet/ShardTableModel.h"
#include "pg/PgConnection.h"
#include "ui/browse/TenantView.h"
#include "ui/shell/MainWindow.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

// The real main window on the sandbox catalog, driven as a user would: by typing, clicking and
// shortcuts on widgets found by object name.
class TestMainWindow : public QObject {
    Q_OBJECT

private:
    WindowServices m_services;
    ScriptedPrompts& m_prompts = m_services.prompts;
    ScriptedBrowsePrompts m_browsePrompts;
    std::unique_ptr<MainWindow> m_window;

    template <typename T>
    T* widget(const char* name) const
    {
        return namedChild<T>(m_window.get(), name);
    }

    QStringList column(int column) const
    {
        const QAbstractItemModel* model = widget<QTableView>("tenantTable")->model();
        QStringList values;
        for (int row = 0; row < model->rowCount(); ++row)
            values << model->index(row, column).data().toString();
        return values;
    }

    QStringList treeChildren(const QModelIndex& parent) const
    {
        const QAbstractItemModel* model = widget<QTreeView>("fleetTree")->model();
        QStringList labels;
        for (int row = 0; row < model->rowCount(parent); ++row)
            labels << model->index(row, 0, parent).data().toString();
        return labels;
    }

    // The rows whose cells, any of them, contain needle (ignoring case): what the filter must keep.
    QStringList slugsMatching(const QString& needle) const
    {
        const QAbstractItemModel* model = widget<QTableView>("tenantTable")->model();
        QStringList slugs;
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int c = 0; c < model->columnCount(); ++c) {
                if (model->index(row, c).data().toString().contains(needle, Qt::CaseInsensitive)) {
                    slugs << model->index(row, 0).data().toString();
                    break;
                }
            }
        }
        return slugs;
    }

    void clickRow(QTableView* view, int row)
    {
        const QModelIndex index = view->model()->index(row, 0);
        view->scrollTo(index);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    }

private slots:
    void initTestCase()
    {
        m_window = m_services.showWindow();
        m_window->setBrowsePrompts(&m_browsePrompts);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy probed(m_window->catalog(), &CatalogConnection::endpointsProbed);
        m_window->openCatalog(TestFleet::catalogParams());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isOpen(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isComplete(), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, 20000);
    }

    void showsTheTenantsOfAllThreeModels()
    {
        QTableView* table = widget<QTableView>("tenantTable");
        QVERIFY(table->model()->rowCount() >= 40);
        const QStringList models = column(2);
        for (const char* model : {"schema", "database", "shared"})
            QVERIFY2(models.contains(QLatin1String(model)), model);
        QVERIFY(column(0).contains(QStringLiteral("acme")));
        QVERIFY(widget<QLabel>("statusTenants")->text().contains(QLocale().toString(table->model()->rowCount())));
        QVERIFY(widget<QLabel>("statusRole")->text().startsWith(QStringLiteral("tenantdesk_admin")));
        QVERIFY(widget<QLabel>("statusServer")->text().startsWith(QStringLiteral("PostgreSQL ")));
        QVERIFY(m_prompts.notices.isEmpty());
    }

    void showsTheFleetTreeByShard()
    {
        QTreeView* tree = widget<QTreeView>("fleetTree");
        QTRY_COMPARE(tree->model()->rowCount(), 1);
        const QModelIndex catalog = tree->model()->index(0, 0);
        QVERIFY(catalog.data().toString().startsWith(QStringLiteral("Catalog ")));
        QVERIFY(tree->isExpanded(catalog));
        QTRY_COMPARE(treeChildren(catalog).size(), 2);
        QVERIFY(treeChildren(catalog).at(0).startsWith(QStringLiteral("shard-1 (")));
        const QModelIndex shard1 = tree->model()->index(0, 0, catalog);
        QCOMPARE(treeChildren(shard1).at(0), QStringLiteral("Endpoints (2)"));
        QVERIFY(treeChildren(shard1).size() > 10);
        QTRY_COMPARE(treeChildren(tree->model()->index(0, 0, shard1)).filter(QStringLiteral("—")).size(), 0);
    }

    void filtersAsTheUserTypes()
    {
        QTableView* table = widget<QTableView>("tenantTable");
        const int all = table->model()->rowCount();
        const QStringList withCo = slugsMatching(QStringLiteral("co"));
        const QStringList withCog = slugsMatching(QStringLiteral("cog"));
        QVERIFY(withCo.size() > withCog.size());

        // Ctrl+F from anywhere in the window puts the cursor in the filter.
        table->setFocus();
        QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
        QLineEdit* filter = widget<QLineEdit>("tenantFilter");
        QTRY_VERIFY(filter->hasFocus());

        QTest::keyClicks(filter, QStringLiteral("co"));
        QCOMPARE(column(0), withCo);
        QTest::keyClick(filter, Qt::Key_G);
        QCOMPARE(column(0), withCog);
        QVERIFY(column(0).contains(QStringLiteral("cogswell")));
        QTest::keyClick(filter, Qt::Key_Backspace);
        QCOMPARE(column(0), withCo);
        QVERIFY(widget<QLabel>("statusTenants")->text().contains(QLocale().toString(withCo.size())));
        filter->selectAll();
        QTest::keyClick(filter, Qt::Key_Delete);
        QCOMPARE(table->model()->rowCount(), all);
    }

    void showsTheDetailsOfAClickedTenant()
    {
        QLineEdit* filter = widget<QLineEdit>("tenantFilter");
        QTest::keyClicks(filter, QStringLiteral("globex"));
        QTableView* table = widget<QTableView>("tenantTable");
        QCOMPARE(table->model()->rowCount(), 1);
        clickRow(table, 0);
        QCOMPARE(widget<QLabel>("detailSlug")->text(), QStringLiteral("globex"));
        QListWidget* domains = widget<QListWidget>("tenantDomains");
        QTRY_VERIFY(!domains->findItems(QStringLiteral("globex.example.com"), Qt::MatchExactly).isEmpty());
        QTRY_VERIFY(widget<QLabel>("detailScope")->text().startsWith(QStringLiteral("database ")));
        QCOMPARE(widget<QLabel>("detailModel")->text(), QStringLiteral("database"));
        QCOMPARE(widget<QLabel>("detailShard")->text(), QStringLiteral("shard-1"));
        QVERIFY(widget<QLabel>("detailTemplate")->text().startsWith(QStringLiteral("store")));
        filter->clear();
        // The selection stays on the tenant while the filter widens.
        QCOMPARE(table->model()->index(table->currentIndex().row(), 0).data().toString(), QStringLiteral("globex"));
    }

    void regroupsTheTreeByModelAndState()
    {
        QComboBox* grouping = widget<QComboBox>("groupingSelector");
        QTreeView* tree = widget<QTreeView>("fleetTree");
        grouping->setFocus();
        QTest::keyClick(grouping, Qt::Key_Down);
        QCOMPARE(grouping->currentText(), QStringLiteral("Isolation model"));
        QStringList groups = treeChildren(tree->model()->index(0, 0));
        QCOMPARE(groups.size(), 4);
        QCOMPARE(groups.at(0), QStringLiteral("Shards (2)"));
        QVERIFY(groups.at(1).startsWith(QStringLiteral("schema (")));
        QVERIFY(groups.at(2).startsWith(QStringLiteral("database (")));
        QVERIFY(groups.at(3).startsWith(QStringLiteral("shared (")));

        QTest::keyClick(grouping, Qt::Key_Down);
        QCOMPARE(grouping->currentText(), QStringLiteral("Lifecycle state"));
        groups = treeChildren(tree->model()->index(0, 0));
        QVERIFY(groups.size() >= 2);
        QVERIFY(groups.filter(QRegularExpression(QStringLiteral("^active \\(\\d+\\)$"))).size() == 1);

        QTest::keyClick(grouping, Qt::Key_Home);
        QCOMPARE(treeChildren(tree->model()->index(0, 0)).size(), 2);
    }

    void clickingATreeTenantShowsItsDetails()
    {
        QTreeView* tree = widget<QTreeView>("fleetTree");
        const QModelIndex shard1 = tree->model()->index(0, 0, tree->model()->index(0, 0));
        tree->expand(shard1);
        const QModelIndex tenant = tree->model()->index(1, 0, shard1); // row 0 is the Endpoints folder
        const QString slug = tenant.data().toString().section(QStringLiteral(" — "), 0, 0);
        tree->scrollTo(tenant);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(tenant).center());
        QCOMPARE(widget<QLabel>("detailSlug")->text(), slug);
        QTRY_VERIFY(widget<QListWidget>("tenantDomains")->count() > 0);
    }

    void showsEveryEndpointUp()
    {
        auto* tabs = widget<QTabWidget>("mainTabs");
        QTest::keyClick(tabs->findChild<QTabBar*>(), Qt::Key_Right);
        QTableView* shards = widget<QTableView>("shardTable");
        QCOMPARE(tabs->currentWidget(), shards);
        const QAbstractItemModel* model = shards->model();
        QCOMPARE(model->rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QTRY_COMPARE(model->index(row, ShardTableModel::Status).data().toString(), QStringLiteral("up"));
        QStringList roles;
        for (int row = 0; row < 3; ++row)
            roles << model->index(row, ShardTableModel::Role).data().toString();
        QCOMPARE(roles.count(QStringLiteral("replica")), 1);
        const int replica = int(roles.indexOf(QStringLiteral("replica")));
        QVERIFY(!model->index(replica, ShardTableModel::Version).data().toString().isEmpty());
        QVERIFY(model->index(replica, ShardTableModel::Status)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("is up")));

        clickRow(shards, replica);
        QCOMPARE(widget<QLabel>("shardDetailsTitle")->text(), QStringLiteral("shard-1"));
        QVERIFY(!widget<QLabel>("shardProblems")->isVisible());
    }

    void refreshKeepsTheSelectedTenant()
    {
        auto* tabs = widget<QTabWidget>("mainTabs");
        tabs->setCurrentIndex(0);
        QTableView* table = widget<QTableView>("tenantTable");
        const int row = int(column(0).indexOf(QStringLiteral("initech")));
        QVERIFY(row >= 0);
        clickRow(table, row);
        QSignalSpy probed(m_window->catalog(), &CatalogConnection::endpointsProbed);
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QTRY_COMPARE_WITH_TIMEOUT(probed.count(), 1, 20000);
        QVERIFY(m_window->catalog()->isComplete());
        QTRY_COMPARE(table->model()->index(table->currentIndex().row(), 0).data().toString(),
                     QStringLiteral("initech"));
    }

    void goToTenantByDomainOpensAReadOnlyTab()
    {
        auto* tabs = widget<QTabWidget>("mainTabs");
        const int before = tabs->count();
        m_browsePrompts.ticket = QStringLiteral("TICKET-1234");
        QTest::keyClick(m_window.get(), Qt::Key_G, Qt::ControlModifier);
        auto* box = widget<QLineEdit>("goToTenant");
        QVERIFY(box->hasFocus());
        QTest::keyClicks(box, QStringLiteral("acme.example.com"));
        QTest::keyClick(box, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(tabs->count(), before + 1, 15000);
        QCOMPARE(m_browsePrompts.asked.constLast(), QStringLiteral("acme"));
        auto* view = qobject_cast<TenantView*>(tabs->currentWidget());
        QVERIFY(view);
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("acme"));
        QVERIFY(view->findChild<QWidget*>(QStringLiteral("tenantBanner")));

        // The open was recorded in the catalog's audit log with the ticket.
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams());
        QTRY_VERIFY_WITH_TIMEOUT(catalog.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE action = "
                                                             "'tenant.open' AND slug = 'acme' AND reason = $1"),
                                              {m_browsePrompts.ticket})
                                         .toInt(0, 0)
                                     >= 1,
                                 5000);

        // Tenant tabs close; the fleet tabs stay.
        emit tabs->tabCloseRequested(tabs->currentIndex());
        QCOMPARE(tabs->count(), before);
        emit tabs->tabCloseRequested(0);
        QCOMPARE(tabs->count(), before);
    }

    void doubleClickingATenantOpensIt()
    {
        auto* tabs = widget<QTabWidget>("mainTabs");
        const int before = tabs->count();
        auto* table = widget<QTableView>("tenantTable");
        widget<QLineEdit>("tenantFilter")->clear();
        const int row = column(0).indexOf(QStringLiteral("globex"));
        QVERIFY(row >= 0);
        const QRect cell = table->visualRect(table->model()->index(row, 0));
        // A view acts on a double-click only over the index the press went to, as with a real mouse.
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE_WITH_TIMEOUT(tabs->count(), before + 1, 15000);
        QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("globex"));
        emit tabs->tabCloseRequested(tabs->currentIndex());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
