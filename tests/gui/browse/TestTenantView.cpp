#include "ScratchTenant.h"
#include "ScriptedBrowsePrompts.h"
#include "TestFleet.h"
#include "rows/BrowseTableModel.h"
#include "ui/browse/DataGrid.h"
#include "ui/browse/FilterBar.h"
#include "ui/browse/TenantBanner.h"
#include "ui/browse/TenantOpener.h"
#include "ui/browse/TenantView.h"
#include "ui/shell/GoToTenantBox.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

// Support's path through the GUI, offscreen on the sandbox: go to a tenant by its domain (ticket
// asked, audit written), see the banner and objects, page a table to its end and back, filter
// it, count it, export what the filter keeps and check the file; and see where a tenant's schema
// differs from its template; and see why an object whose rows are refused shows none.
class TestTenantView : public QObject {
    Q_OBJECT

    ScriptedBrowsePrompts m_prompts;

    // Goes to a tenant as a user would: types into the box, presses Return; returns the new view.
    std::unique_ptr<TenantView> goTo(const QString& text)
    {
        GoToTenantBox box;
        TenantOpener opener(&m_prompts, nullptr);
        opener.setCatalog(TestFleet::catalogParams());
        connect(&box, &GoToTenantBox::tenantRequested, &opener, &TenantOpener::open);
        std::optional<TenantAccess> opened;
        QString failure;
        connect(&opener, &TenantOpener::tenantOpened, this, [&](const TenantAccess& a) { opened = a; });
        connect(&opener, &TenantOpener::failed, this, [&](const QString&, const QString& m) { failure = m; });
        QTest::keyClicks(&box, text);
        QTest::keyClick(&box, Qt::Key_Return);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(opened || !failure.isEmpty(), 15000); }();
        if (!opened)
            qFatal("could not open %s: %s", qPrintable(text), qPrintable(failure));
        auto view = std::make_unique<TenantView>(*opened, TestFleet::catalogParams(), &m_prompts);
        view->resize(1200, 800);
        view->show();
        return view;
    }

    static qint64 idAt(const BrowseTableModel* model, int row)
    {
        return model->data(model->index(row, 0)).toLongLong();
    }

private slots:
    void goToTenantByDomainPageFilterAndExport()
    {
        m_prompts.ticket = QStringLiteral("TICKET-42 wrong prices");
        std::unique_ptr<TenantView> view = goTo(QStringLiteral("acme.example.com"));
        QCOMPARE(m_prompts.asked.last(), QStringLiteral("acme"));
        QSignalSpy loaded(view.get(), &TenantView::objectsLoaded);
        QTRY_VERIFY_WITH_TIMEOUT(!view->objects().isEmpty(), 15000);
        const QString banner = view->banner()->text();
        QVERIFY2(banner.contains(QStringLiteral("acme")) && banner.contains(QStringLiteral("schema"))
                     && banner.contains(QStringLiteral("shard-1")) && banner.contains(QStringLiteral("READ-ONLY")),
                 qPrintable(banner));
        QTRY_VERIFY_WITH_TIMEOUT(view->banner()->text().contains(QStringLiteral("replica")), 15000);

        // The audit log has the opening, with the ticket.
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        QCOMPARE(catalog
                     .exec(QStringLiteral(
                         "SELECT reason FROM tenantdesk.audit_log WHERE action = 'tenant.open' AND slug = 'acme' "
                         "ORDER BY id DESC LIMIT 1"))
                     .text(0, 0),
                 m_prompts.ticket);

        // acme was made from the store template and has not drifted.
        QTRY_VERIFY_WITH_TIMEOUT(view->templateDifferences().has_value(), 15000);
        QVERIFY2(view->templateDifferences()->isEmpty(), qPrintable(view->templateDifferences()->join(u'\n')));

        QVERIFY(view->openObject(QStringLiteral("orders")));
        DataGrid* grid = view->dataGrid();
        BrowseTableModel* model = grid->model();
        QTRY_COMPARE_WITH_TIMEOUT(grid->table().name, QStringLiteral("orders"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && !model->isLoading(), 15000);
        QCOMPARE(idAt(model, 0), 1);
        QTRY_VERIFY_WITH_TIMEOUT(grid->statusText().contains(QStringLiteral("estimate")), 15000);

        // Page to the end by scrolling, as a user dragging the scroll bar down.
        QTableView* table = grid->view();
        QElapsedTimer timer;
        timer.start();
        while (!model->atEnd() && timer.elapsed() < 30000) {
            table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum());
            QTest::qWait(20);
        }
        QVERIFY(model->atEnd());
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), 10000);
        const qint64 lastId = idAt(model, model->rowCount() - 1);
        QVERIFY(lastId >= 1000);
        for (int row = 1; row < model->rowCount(); ++row)
            QCOMPARE(idAt(model, row), idAt(model, row - 1) + 1);
        QVERIFY(model->rowCount() <= BrowseTableModel::MaxRows);

        // First, then Last with the button.
        QTest::mouseClick(grid->findChild<QPushButton*>(QStringLiteral("gridFirst")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && idAt(model, 0) == 1, 10000);
        QTest::mouseClick(grid->findChild<QPushButton*>(QStringLiteral("gridLast")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && idAt(model, model->rowCount() - 1) == lastId, 10000);
        // and the view shows them: the last row is at its bottom.
        QTRY_COMPARE(table->rowAt(table->viewport()->height() - 1), model->rowCount() - 1);
        // Scrolling up from the last page brings the rows before it, the view staying put.
        table->verticalScrollBar()->setValue(0);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > BrowseTableModel::PageSize && !model->isLoading(), 10000);
        QCOMPARE(idAt(model, model->rowCount() - 1), lastId);

        // Jump to a key.
        auto* seek = grid->findChild<QLineEdit*>(QStringLiteral("gridSeek"));
        QTest::keyClicks(seek, QStringLiteral("500"));
        QTest::keyClick(seek, Qt::Key_Return);
        // The key is at the top of the view (rows before it may load above it: the view sits at
        // the top of what is loaded, so the model's first row need not be it).
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && idAt(model, table->rowAt(0)) == 500, 10000);

        // Filter: status = 'paid'.
        QTest::mouseClick(grid->findChild<QPushButton*>(QStringLiteral("gridFilter")), Qt::LeftButton);
        FilterBar* filters = grid->filterBar();
        QVERIFY(filters->isVisible());
        auto* column = filters->findChild<QComboBox*>(QStringLiteral("filterColumn"));
        column->setCurrentIndex(grid->table().columnIndex(QStringLiteral("status")));
        QTest::keyClicks(filters->findChild<QLineEdit*>(QStringLiteral("filterValue")), QStringLiteral("paid"));
        QTest::mouseClick(filters->findChild<QPushButton*>(QStringLiteral("filterApply")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(model->query().filters.size() == 1 && !model->isLoading(), 10000);
        const int status = grid->table().columnIndex(QStringLiteral("status"));
        while (model->canFetchMore({})) {
            model->fetchMore({});
            QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), 10000);
        }
        QVERIFY(model->rowCount() > 0);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->data(model->index(row, status)).toString(), QStringLiteral("paid"));
        const int paid = model->rowCount();

        // An empty value is refused before anything is sent; the filter in force stays.
        const quint64 before = model->query().filters.size();
        filters->findChild<QLineEdit*>(QStringLiteral("filterValue"))->clear();
        QTest::mouseClick(filters->findChild<QPushButton*>(QStringLiteral("filterApply")), Qt::LeftButton);
        QVERIFY(filters->findChild<QLabel*>(QStringLiteral("filterProblem"))->isVisible());
        QCOMPARE(quint64(model->query().filters.size()), before);
        QCOMPARE(model->query().filters.first().value, QStringLiteral("paid"));

        // The exact count, on request.
        grid->countExactly();
        QTRY_VERIFY_WITH_TIMEOUT(grid->statusText().contains(QStringLiteral("(counted)")), 15000);
        QVERIFY2(grid->statusText().contains(QString::number(paid)), qPrintable(grid->statusText()));

        // Export what the filter keeps, through the Export button.
        QTemporaryDir dir;
        m_prompts.exportPath = dir.filePath(QStringLiteral("paid orders.csv"));
        QSignalSpy exported(grid, &DataGrid::exportFinished);
        QTest::mouseClick(grid->findChild<QPushButton*>(QStringLiteral("gridExport")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 20000);
        QCOMPARE(exported.first().at(1).toLongLong(), paid);
        QFile file(m_prompts.exportPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines.size(), paid + 2);
        QVERIFY(lines.first().startsWith("\"id\",\"customer_id\",\"status\""));
        for (int i = 1; i <= paid; ++i)
            QVERIFY(lines[i].contains(",paid,"));
    }

    void aSharedTenantGridShowsItsRowsOnly()
    {
        m_prompts.ticket.clear();
        std::unique_ptr<TenantView> view = goTo(QStringLiteral("cyberdyne.example.com"));
        QTRY_VERIFY_WITH_TIMEOUT(!view->objects().isEmpty(), 15000);
        QVERIFY(view->banner()->text().contains(QStringLiteral("shared")));
        QVERIFY(view->openObject(QStringLiteral("customers")));
        BrowseTableModel* model = view->dataGrid()->model();
        QTRY_VERIFY_WITH_TIMEOUT(view->dataGrid()->table().name == QStringLiteral("customers") && model->rowCount() > 0
                                     && !model->isLoading(),
                                 15000);
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->data(model->index(row, 0)).toString(), view->access().target.tenant.tenantKey);
        QVERIFY(view->templateDifferences() == std::nullopt); // shared tables are compared per shard, not per tenant
    }

    void cancellingTheTicketOpensNothing()
    {
        m_prompts.cancelTicket = true;
        TenantOpener opener(&m_prompts, nullptr);
        opener.setCatalog(TestFleet::catalogParams());
        QSignalSpy opened(&opener, &TenantOpener::tenantOpened);
        const int asked = int(m_prompts.asked.size());
        opener.open(QStringLiteral("acme"));
        QTRY_COMPARE_WITH_TIMEOUT(m_prompts.asked.size(), asked + 1, 15000);
        QTest::qWait(200);
        QCOMPARE(opened.size(), 0);
        m_prompts.cancelTicket = false;

        QSignalSpy failed(&opener, &TenantOpener::failed);
        opener.open(QStringLiteral("nobody-at-all.example.com"));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("No tenant")));
    }

    void aRefusedObjectIsMarkedAndExplained()
    {
        ScratchTenant other(IsolationModel::Schema, QStringLiteral("otherrows"));
        other.run(QStringLiteral("CREATE TABLE secrets (id int PRIMARY KEY, email text); "
                                 "INSERT INTO secrets VALUES (1, 'secret@other.example.com')"));
        ScratchTenant t(IsolationModel::Schema, QStringLiteral("refused"));
        PgConnection shard;
        shard.open(TestFleet::shardParams(1).withSafeDefaults());
        t.run(QStringLiteral("CREATE TABLE own (id int PRIMARY KEY); INSERT INTO own VALUES (1), (2);"
                             "CREATE VIEW stolen AS SELECT * FROM %1.secrets")
                  .arg(shard.quoteIdentifier(other.schema())));
        ScratchTenant::waitForReplica();
        std::unique_ptr<TenantView> view = goTo(t.slug());
        QTRY_VERIFY_WITH_TIMEOUT(!view->objects().isEmpty(), 15000);

        // In the tree: a lock, and why in the tooltip.
        auto* tree = view->findChild<QTreeWidget*>(QStringLiteral("objectTree"));
        const QList<QTreeWidgetItem*> found = tree->findItems(QStringLiteral("stolen"),
                                                              Qt::MatchExactly | Qt::MatchRecursive);
        QCOMPARE(found.size(), 1);
        QVERIFY(!found.first()->icon(0).isNull());
        const QString why = found.first()->toolTip(0);
        QVERIFY2(why.contains(other.schema() + QStringLiteral(".secrets, which is not this tenant's")),
                 qPrintable(why));
        QVERIFY(tree->findItems(QStringLiteral("own"), Qt::MatchExactly | Qt::MatchRecursive)
                    .first()
                    ->toolTip(0)
                    .isEmpty());

        // The tenant's own table shows its rows; then the refused view shows why instead, and none of them.
        DataGrid* grid = view->dataGrid();
        QVERIFY(view->openObject(QStringLiteral("own")));
        QTRY_VERIFY_WITH_TIMEOUT(grid->table().name == QStringLiteral("own") && grid->model()->rowCount() == 2
                                     && !grid->model()->isLoading(),
                                 15000);
        QVERIFY(view->openObject(QStringLiteral("stolen")));
        auto* message = grid->findChild<QLabel*>(QStringLiteral("gridMessage"));
        QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 15000);
        QCOMPARE(message->text(), why);
        QCOMPARE(grid->model()->rowCount(), 0);
        QCOMPARE(grid->model()->columnCount(), 0);
        QTest::qWait(500); // nothing arrives later either
        QCOMPARE(grid->model()->rowCount(), 0);
        QVERIFY(message->isVisible());
    }

    // A tenant whose schema the support role may not use (an adopted one whose owner granted
    // nothing): the grid says so with the grants that fix it, and does not stay "Opening…".
    void anUnreadableTenantSaysWhichGrantsAreMissing()
    {
        ScratchTenant t(IsolationModel::Schema, QStringLiteral("nogrant"));
        t.run(QStringLiteral("CREATE TABLE own (id int PRIMARY KEY); INSERT INTO own VALUES (1)"));
        PgConnection shard;
        shard.open(TestFleet::shardParams(1).withSafeDefaults());
        shard.execScript(
            QStringLiteral("REVOKE USAGE ON SCHEMA %1 FROM tenantdesk_support").arg(shard.quoteIdentifier(t.schema())));
        ScratchTenant::waitForReplica();
        std::unique_ptr<TenantView> view = goTo(t.slug());
        QTRY_VERIFY_WITH_TIMEOUT(!view->objects().isEmpty(), 15000);
        DataGrid* grid = view->dataGrid();
        QVERIFY(view->openObject(QStringLiteral("own")));
        auto* message = grid->findChild<QLabel*>(QStringLiteral("gridMessage"));
        QTRY_VERIFY_WITH_TIMEOUT(message->isVisible(), 15000);
        const QString usage = QStringLiteral("GRANT USAGE ON SCHEMA %1 TO ").arg(shard.quoteIdentifier(t.schema()));
        QVERIFY2(message->text().contains(usage) && message->text().contains(QStringLiteral("shards prepare")),
                 qPrintable(message->text()));
        QVERIFY2(!grid->statusText().contains(QStringLiteral("Opening")), qPrintable(grid->statusText()));
        QCOMPARE(grid->model()->rowCount(), 0);
    }

    void driftFromTheTemplateIsShown()
    {
        ScratchTenant t(IsolationModel::Schema, QStringLiteral("drift"));
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        catalog.exec(QStringLiteral(
                         "UPDATE tenantdesk.tenants SET template_name = 'store', template_version = 1 WHERE slug = $1"),
                     {t.slug()});
        t.run(catalog
                  .exec(QStringLiteral("SELECT ddl FROM tenantdesk.templates WHERE name = 'store' AND version = 1 "
                                       "AND isolation_model = 'schema'"))
                  .text(0, 0)
              + QStringLiteral(";CREATE INDEX customers_country ON customers (country);"
                               "ALTER TABLE items DROP COLUMN description;"));
        ScratchTenant::waitForReplica();
        std::unique_ptr<TenantView> view = goTo(t.slug());
        QTRY_VERIFY_WITH_TIMEOUT(view->templateDifferences().has_value(), 15000);
        const QStringList diff = *view->templateDifferences();
        QCOMPARE(diff.size(), 2);
        QVERIFY2(diff.contains(QStringLiteral("- column items.description: text NOT NULL DEFAULT ''::text")),
                 qPrintable(diff.join(u'\n')));
        QVERIFY2(diff.contains(QStringLiteral("+ index customers.customers_country: CREATE INDEX customers_country ON "
                                              "customers USING btree (country)")),
                 qPrintable(diff.join(u'\n')));
    }
};

QTEST_MAIN(TestTenantView)
#include "TestTenantView.moc"
