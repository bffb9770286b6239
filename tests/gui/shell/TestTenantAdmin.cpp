#include "ProvisionTestKit.h"
#include "ScriptedActionPrompts.h"
#include "ScriptedBrowsePrompts.h"
#include "TestFleet.h"
#include "WindowServices.h"
#include "catalog/TenantTable.h"
#include "fleet/CatalogConnection.h"
#include "fleet/TenantTableModel.h"
#include "provision/BatchRowModel.h"
#include "ui/admin/BatchProvisionDialog.h"
#include "ui/admin/ProvisionWizard.h"
#include "ui/admin/ReconcileDialog.h"
#include "ui/admin/TemplateUpgradeDialog.h"
#include "ui/admin/TenantActions.h"
#include "ui/browse/TenantView.h"
#include "ui/shell/MainWindow.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace ProvisionTestKit;

// Tenant administration as an admin reaches it: from the main window's Tenants menu, its Ctrl+N
// and the tenant table's context menu, on the sandbox fleet. A tenant made by the wizard shows in
// the list, opens in a tenant tab, is suspended, archived and deleted from its context menu; a
// CSV batch, reconcile and template upgrades open from the menu and work on the same catalog.
class TestTenantAdmin : public QObject {
    Q_OBJECT

    WindowServices m_services;
    QTemporaryDir& m_dir = m_services.dir;
    ScriptedPrompts& m_prompts = m_services.prompts;
    ScriptedBrowsePrompts m_browsePrompts;
    ScriptedActionPrompts m_actionPrompts;
    std::unique_ptr<MainWindow> m_window;
    PgConnection m_catalog;
    QStringList m_created;
    QString m_slug; // the wizard's tenant

    template <typename T>
    T* widget(const char* name) const
    {
        return namedChild<T>(m_window.get(), name);
    }

    QAction* action(const char* name) const { return widget<QAction>(name); }

    // The row of the main window's tenant table that shows slug, or -1.
    int rowOf(const QString& slug) const
    {
        const TenantTableModel* model = m_window->tenantModel();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, TenantTable::Slug).data().toString() == slug)
                return row;
        }
        return -1;
    }

    QString stateShown(const QString& slug) const
    {
        const int row = rowOf(slug);
        return row < 0 ? QString() : m_window->tenantModel()->index(row, TenantTable::State).data().toString();
    }

    // Narrows the list to slug and clicks its row, as a user picks the tenant to act on.
    void selectTenant(const QString& slug)
    {
        auto* filter = widget<QLineEdit>("tenantFilter");
        filter->clear();
        QTest::keyClicks(filter, slug);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(slug) >= 0, 15000);
        auto* table = widget<QTableView>("tenantTable");
        const QModelIndex index = table->model()->index(rowOf(slug), 0);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        QCOMPARE(table->currentIndex().row(), index.row());
    }

    void waitForReload() { QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isComplete(), 15000); }

private slots:
    void initTestCase()
    {
        m_window = m_services.showWindow();
        m_window->setBrowsePrompts(&m_browsePrompts);
        m_window->setTenantActionsPrompts(m_actionPrompts);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_catalog.open(TestFleet::catalogParams().withSafeDefaults());
    }

    void adminActionsWaitForACatalog()
    {
        for (const char* name : {"actionNewTenant", "actionBatchTenants", "actionReconcile", "actionTemplateUpgrades"})
            QVERIFY2(!action(name)->isEnabled(), name);
        QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
        QVERIFY(!m_window->findChild<ProvisionWizard*>());

        m_window->openCatalog(TestFleet::catalogParams());
        QTRY_VERIFY_WITH_TIMEOUT(m_window->catalog()->isOpen(), 15000);
        waitForReload();
        for (const char* name : {"actionNewTenant", "actionBatchTenants", "actionReconcile", "actionTemplateUpgrades"})
            QVERIFY2(action(name)->isEnabled(), name);
        // Nothing selected yet: nothing to suspend.
        QVERIFY(!m_window->tenantActions()->suspendAction()->isEnabled());

        QStringList menu;
        for (QAction* a : m_window->menuBar()->actions())
            menu << a->text();
        QVERIFY2(menu.contains(QStringLiteral("&Tenants")), qPrintable(menu.join(u' ')));
        const QList<QAction*> contextMenu = widget<QTableView>("tenantTable")->actions();
        QVERIFY(contextMenu.contains(m_window->tenantActions()->deleteAction()));
    }

    void newTenantFromCtrlNShowsInTheList()
    {
        QTest::keyClick(m_window.get(), Qt::Key_N, Qt::ControlModifier);
        auto* wizard = m_window->findChild<ProvisionWizard*>();
        QVERIFY(wizard);
        QVERIFY(wizard->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(wizard->findChild<QComboBox*>(QStringLiteral("shardBox"))->count() > 1, 10000);
        m_slug = uniqueSlug(QStringLiteral("adm"));
        m_created << m_slug;
        QTest::keyClicks(wizard->findChild<QLineEdit*>(QStringLiteral("slugEdit")), m_slug);
        QTest::keyClicks(wizard->findChild<QLineEdit*>(QStringLiteral("displayNameEdit")),
                         QStringLiteral("Admin Test"));
        wizard->findChild<QComboBox*>(QStringLiteral("modelBox"))->setCurrentIndex(int(IsolationModel::Schema));
        QAbstractButton* next = wizard->button(QWizard::NextButton);
        QVERIFY(next->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        auto* sql = wizard->findChild<QPlainTextEdit*>(QStringLiteral("sqlPreview"));
        QTRY_VERIFY_WITH_TIMEOUT(!sql->toPlainText().isEmpty(), 10000);
        QTRY_VERIFY(next->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::FinishButton)->isEnabled(), 15000);
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);

        // The window refreshed its list by itself.
        QTRY_COMPARE_WITH_TIMEOUT(stateShown(m_slug), QStringLiteral("active"), 15000);
        QCOMPARE(catalogState(m_catalog, m_slug), QStringLiteral("active"));
    }

    void theNewTenantOpensInATab()
    {
        auto* tabs = widget<QTabWidget>("mainTabs");
        const int before = tabs->count();
        m_browsePrompts.ticket = QStringLiteral("TICKET-ADMIN");
        m_window->openTenant(m_slug);
        QTRY_COMPARE_WITH_TIMEOUT(tabs->count(), before + 1, 15000);
        auto* view = qobject_cast<TenantView*>(tabs->currentWidget());
        QVERIFY(view);
        QCOMPARE(view->access().target.tenant.slug, m_slug);
        // Made from the template: its tables, and nothing that differs from it.
        QTRY_VERIFY_WITH_TIMEOUT(view->templateDifferences().has_value(), 15000);
        QVERIFY2(view->templateDifferences()->isEmpty(), qPrintable(view->templateDifferences()->join(u'\n')));
        QVERIFY(view->openObject(QStringLiteral("items")));
        emit tabs->tabCloseRequested(tabs->currentIndex());
        tabs->setCurrentIndex(0);
    }

    void suspendAndResumeFromTheContextMenu()
    {
        selectTenant(m_slug);
        TenantActions* actions = m_window->tenantActions();
        QTRY_VERIFY(actions->suspendAction()->isEnabled());
        QVERIFY(!actions->resumeAction()->isEnabled());
        actions->suspendAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateShown(m_slug), QStringLiteral("suspended"), 15000);
        QCOMPARE(catalogState(m_catalog, m_slug), QStringLiteral("suspended"));
        waitForReload();
        // The refresh selected the tenant again, with the actions its new state allows.
        QTRY_VERIFY_WITH_TIMEOUT(actions->resumeAction()->isEnabled(), 10000);
        QVERIFY(!actions->suspendAction()->isEnabled());
        actions->resumeAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateShown(m_slug), QStringLiteral("active"), 15000);
    }

    void archiveThenDeleteFromTheContextMenu()
    {
        waitForReload();
        selectTenant(m_slug);
        TenantActions* actions = m_window->tenantActions();
        m_actionPrompts.archivePath = m_dir.filePath(m_slug + QStringLiteral(".dump"));
        QTRY_VERIFY(actions->archiveAction()->isEnabled());
        const int notices = m_prompts.notices.size();
        actions->archiveAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(stateShown(m_slug), QStringLiteral("archived"), 30000);
        QVERIFY(QFileInfo(m_actionPrompts.archivePath).size() > 0);
        QVERIFY(m_prompts.notices.size() > notices);
        QVERIFY(m_prompts.notices.constLast().contains(m_actionPrompts.archivePath));

        waitForReload();
        selectTenant(m_slug);
        m_actionPrompts.typedSlug = m_slug;
        QTRY_VERIFY(actions->deleteAction()->isEnabled());
        actions->deleteAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(m_slug), -1, 15000);
        QVERIFY(catalogState(m_catalog, m_slug).isEmpty());
        widget<QLineEdit>("tenantFilter")->clear();
    }

    void batchFromTheMenuCreatesTenantsTheListShows()
    {
        const QString prefix = uniqueSlug(QStringLiteral("admb"));
        QFile file(m_dir.filePath(QStringLiteral("batch.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("slug,name,model,shard,template,version,domains\n");
        for (int i = 0; i < 3; ++i) {
            m_created << QStringLiteral("%1-%2").arg(prefix).arg(i);
            file.write(QStringLiteral("%1-%2,Batch %2,%3,,store,,\n")
                           .arg(prefix)
                           .arg(i)
                           .arg(i == 1 ? "shared" : "schema")
                           .toUtf8());
        }
        file.close();
        m_prompts.fileToChoose = file.fileName();

        action("actionBatchTenants")->trigger();
        auto* dialog = m_window->findChild<BatchProvisionDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        action("actionBatchTenants")->trigger(); // raises the same dialog
        QCOMPARE(m_window->findChildren<BatchProvisionDialog*>().size(), 1);
        QSignalSpy finished(dialog, &BatchProvisionDialog::finished);
        QTest::mouseClick(dialog->findChild<QAbstractButton*>(QStringLiteral("batchChoose")), Qt::LeftButton);
        QCOMPARE(dialog->model()->rowCount(), 3);
        QTest::mouseClick(dialog->findChild<QAbstractButton*>(QStringLiteral("batchStart")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(dialog->model()->count(JobState::Done), 3);
        for (int i = 0; i < 3; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(stateShown(QStringLiteral("%1-%2").arg(prefix).arg(i)), QStringLiteral("active"),
                                      15000);
        dialog->close();
    }

    void reconcileAndUpgradesOpenFromTheMenu()
    {
        action("actionReconcile")->trigger();
        auto* reconcile = m_window->findChild<ReconcileDialog*>();
        QVERIFY(reconcile && reconcile->isVisible());
        QSignalSpy checked(reconcile, &ReconcileDialog::finished);
        auto* check = reconcile->findChild<QAbstractButton*>(QStringLiteral("reconcileCheck"));
        QTRY_VERIFY_WITH_TIMEOUT(check->isEnabled(), 10000);
        QTest::mouseClick(check, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(checked.count(), 1, 30000);
        QVERIFY(!reconcile->findChild<QLabel*>(QStringLiteral("reconcileSummary"))->text().endsWith(u'…'));
        reconcile->close();

        action("actionTemplateUpgrades")->trigger();
        auto* upgrades = m_window->findChild<TemplateUpgradeDialog*>();
        QVERIFY(upgrades && upgrades->isVisible());
        auto* versions = upgrades->findChild<QTableWidget*>(QStringLiteral("upgradeVersions"));
        QTRY_VERIFY_WITH_TIMEOUT(versions->rowCount() > 0, 10000); // tenants by template version
        upgrades->close();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        removeTenants(m_created);
    }
};

QTEST_MAIN(TestTenantAdmin)
#include "TestTenantAdmin.moc"
