#include "ProvisionTestKit.h"
#include "ScriptedActionPrompts.h"
#include "ScriptedPrompts.h"
#include "TestFleet.h"
#include "lifecycle/TenantLifecycle.h"
#include "pg/PgSession.h"
#include "provision/BatchRowModel.h"
#include "provision/ManagedTenants.h"
#include "provision/ShardConnections.h"
#include "ui/admin/BatchProvisionDialog.h"
#include "ui/admin/ProvisionWizard.h"
#include "ui/admin/ReconcileDialog.h"
#include "ui/admin/TenantActions.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ProvisionTestKit;

// The provision wizard filled in offscreen, as a user would: bad input shows what is wrong and
// sends nothing; good input shows the SQL, then creates a tenant the catalog has. Then the tenant
// actions, the batch dialog and the reconcile dialog on the same tenants.
class TestProvisionWizard : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    QStringList m_created;

    template <typename T>
    static T* child(QWidget* parent, const char* name)
    {
        T* widget = parent->findChild<T*>(QLatin1String(name));
        if (!widget)
            qFatal("no widget %s", name);
        return widget;
    }

    // Typed key by key; text that no key makes (invisible characters) arrives as if pasted.
    static void type(QLineEdit* edit, const QString& text)
    {
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        if (std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; }))
            QTest::keyClicks(edit, text);
        else
            edit->insert(text);
    }

private slots:
    void initTestCase() { m_catalog.open(TestFleet::catalogParams().withSafeDefaults()); }

    void cleanupTestCase() { removeTenants(m_created); }

    // The template box lists only templates with a version for the isolation chosen.
    void templatesFollowTheIsolation()
    {
        const QString onlySchema = uniqueSlug(QStringLiteral("onlyschema"));
        m_catalog.exec(QStringLiteral("INSERT INTO tenantdesk.templates (name, version, isolation_model, ddl) "
                                      "VALUES ($1, 1, 'schema', 'CREATE TABLE t (id int PRIMARY KEY)')"),
                       {onlySchema});
        const auto drop = qScopeGuard(
            [&] { m_catalog.exec(QStringLiteral("DELETE FROM tenantdesk.templates WHERE name = $1"), {onlySchema}); });
        ProvisionWizard wizard(TestFleet::catalogParams());
        wizard.show();
        auto* templates = child<QComboBox>(&wizard, "templateBox");
        auto* model = child<QComboBox>(&wizard, "modelBox");
        QTRY_VERIFY(child<QComboBox>(&wizard, "shardBox")->count() > 1);
        QVERIFY(templates->findData(onlySchema) >= 0);
        templates->setCurrentIndex(templates->findData(onlySchema));
        model->setCurrentIndex(model->findData(int(IsolationModel::Database)));
        QCOMPARE(templates->findData(onlySchema), -1);
        QVERIFY(templates->count() > 0); // the sandbox's store has a database version
        model->setCurrentIndex(model->findData(int(IsolationModel::Schema)));
        QVERIFY(templates->findData(onlySchema) >= 0);
    }

    void badInputShowsWhyAndSendsNothing()
    {
        auto* wizard = new ProvisionWizard(TestFleet::catalogParams());
        wizard->show();
        QTRY_VERIFY(child<QComboBox>(wizard, "shardBox")->count() > 1);
        QAbstractButton* next = wizard->button(QWizard::NextButton);
        QLabel* message = child<QLabel>(wizard, "validationLabel");
        QVERIFY(!next->isEnabled()); // empty form

        const QString slug = uniqueSlug(QStringLiteral("wiz"));
        type(child<QLineEdit>(wizard, "displayNameEdit"), QStringLiteral("Wizard Tenant"));
        for (const QString& bad : {QStringLiteral("Bad Slug"), QStringLiteral("public"), QStringLiteral("ac;me"),
                                   QStringLiteral("Acme"), QStringLiteral("ac\u200bme")}) {
            type(child<QLineEdit>(wizard, "slugEdit"), bad);
            QVERIFY2(!message->text().isEmpty(), qPrintable(bad));
            QVERIFY(!next->isEnabled());
        }
        type(child<QLineEdit>(wizard, "slugEdit"), QString(57, u'a')); // fine for a schema, too long for a database
        QVERIFY(next->isEnabled());
        child<QComboBox>(wizard, "modelBox")->setCurrentIndex(int(IsolationModel::Database));
        QVERIFY(message->text().contains(QLatin1String("truncates names")));
        QVERIFY(!next->isEnabled());
        type(child<QLineEdit>(wizard, "slugEdit"), slug);
        child<QPlainTextEdit>(wizard, "domainsEdit")
            ->setPlainText(QStringLiteral("https://") + slug + QStringLiteral(".example.com"));
        QVERIFY(message->text().contains(QLatin1String("without")));
        QVERIFY(!next->isEnabled());
        QVERIFY(!wizard->session()->isBusy());
        QVERIFY(catalogState(m_catalog, slug).isEmpty());
        delete wizard;
    }

    void goodInputCreatesTheTenant()
    {
        auto* wizard = new ProvisionWizard(TestFleet::catalogParams());
        QSignalSpy created(wizard, &ProvisionWizard::tenantCreated);
        wizard->show();
        QTRY_VERIFY(child<QComboBox>(wizard, "shardBox")->count() > 1);
        const QString slug = uniqueSlug(QStringLiteral("wiz"));
        m_created.append(slug);
        type(child<QLineEdit>(wizard, "slugEdit"), slug);
        type(child<QLineEdit>(wizard, "displayNameEdit"), QStringLiteral("Wizard <b>Tenant</b> & Co"));
        child<QComboBox>(wizard, "modelBox")->setCurrentIndex(int(IsolationModel::Database));
        child<QPlainTextEdit>(wizard, "domainsEdit")->setPlainText(slug + QStringLiteral(".wizard.example.com"));
        QAbstractButton* next = wizard->button(QWizard::NextButton);
        QVERIFY2(next->isEnabled(), qPrintable(child<QLabel>(wizard, "validationLabel")->text()));
        QTest::mouseClick(next, Qt::LeftButton);

        QPlainTextEdit* sql = child<QPlainTextEdit>(wizard, "sqlPreview");
        QTRY_VERIFY_WITH_TIMEOUT(!sql->toPlainText().isEmpty(), 10000);
        QVERIFY(sql->toPlainText().contains(
            QStringLiteral("CREATE DATABASE \"%1\" TEMPLATE").arg(TenantNames::databaseName(slug))));
        QVERIFY(catalogState(m_catalog, slug).isEmpty()); // the preview changed nothing
        QVERIFY(next->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 15000);
        QVERIFY(child<QLabel>(wizard, "runResult")->text().startsWith(QStringLiteral("Created ") + slug));
        QTRY_VERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
        QCOMPARE(ManagedTenants::get(m_catalog, slug).displayName, QStringLiteral("Wizard <b>Tenant</b> & Co"));
        QTest::mouseClick(wizard->button(QWizard::FinishButton), Qt::LeftButton);
    }

    void tenantActionsSuspendEditAndDelete()
    {
        QVERIFY(!m_created.isEmpty());
        const QString slug = m_created.constFirst();
        ScriptedPrompts prompts;
        ScriptedActionPrompts actionPrompts;
        QWidget window;
        TenantActions actions(prompts, actionPrompts, &window);
        QSignalSpy changed(&actions, &TenantActions::tenantChanged);
        QVERIFY(!actions.suspendAction()->isEnabled());
        actions.setCatalog(TestFleet::catalogParams());
        const ManagedTenant t = ManagedTenants::get(m_catalog, slug);
        actions.setTenant(t.id, slug, TenantState::Active);
        QTRY_VERIFY(actions.suspendAction()->isEnabled());
        QVERIFY(!actions.resumeAction()->isEnabled());

        actions.suspendAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 10000);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("suspended"));
        QVERIFY(prompts.questions.constFirst().startsWith(QStringLiteral("Suspend ") + slug));

        actions.setTenant(t.id, slug, TenantState::Suspended);
        QTRY_VERIFY(actions.editAction()->isEnabled());
        actions.editAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 10000);
        QVERIFY(ManagedTenants::get(m_catalog, slug).displayName.endsWith(QLatin1String("(renamed)")));

        actionPrompts.typedSlug = slug.toUpper(); // a wrong confirmation deletes nothing
        QTRY_VERIFY(actions.deleteAction()->isEnabled());
        actions.deleteAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!prompts.notices.isEmpty(), 10000);
        QVERIFY(prompts.notices.constLast().contains(QLatin1String("type its slug")));
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("suspended"));
        actionPrompts.typedSlug = slug;
        QTRY_VERIFY(actions.deleteAction()->isEnabled());
        actions.deleteAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 3, 10000);
        QVERIFY(catalogState(m_catalog, slug).isEmpty());
    }

    void batchDialogCreatesFromCsv()
    {
        const QString prefix = uniqueSlug(QStringLiteral("wizb"));
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("tenants.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("slug,name,model,shard,template,version,domains\n");
        for (int i = 0; i < 4; ++i) {
            m_created.append(QStringLiteral("%1-%2").arg(prefix).arg(i));
            file.write(QStringLiteral("%1-%2,Batch %2,%3,,store,,\n")
                           .arg(prefix)
                           .arg(i)
                           .arg(i % 2 ? "schema" : "shared")
                           .toUtf8());
        }
        file.write("Bad One,Bad,schema,,store,,\n");
        file.close();
        ScriptedPrompts prompts;
        prompts.fileToChoose = file.fileName();
        auto* dialog = new BatchProvisionDialog(TestFleet::catalogParams(), prompts);
        QSignalSpy finished(dialog, &BatchProvisionDialog::finished);
        dialog->show();
        QTest::mouseClick(child<QAbstractButton>(dialog, "batchChoose"), Qt::LeftButton);
        QCOMPARE(dialog->model()->rowCount(), 5);
        QTest::mouseClick(child<QAbstractButton>(dialog, "batchStart"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(dialog->model()->count(JobState::Done), 4);
        QCOMPARE(dialog->model()->count(JobState::Failed), 1);
        QVERIFY(child<QLabel>(dialog, "batchSummary")->text().startsWith(QLatin1String("4 created")));
        QVERIFY(!child<QAbstractButton>(dialog, "batchStart")->isEnabled()); // a bad line would only fail again
        dialog->close();
    }

    // Cancel mid-batch: the tenants in progress finish, every other row stays pending (shown as
    // "to go", nothing half made on the shards), and Resume creates the rest.
    void batchDialogCancelMidRunThenResume()
    {
        const QString prefix = uniqueSlug(QStringLiteral("wizc"));
        const int tenants = 24;
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("tenants.csv")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("slug,name,model,shard,template,version,domains\n");
        for (int i = 0; i < tenants; ++i) {
            m_created.append(QStringLiteral("%1-%2").arg(prefix).arg(i));
            file.write(
                QStringLiteral("%1-%2,Cancel %2,schema,shard-%3,store,,\n").arg(prefix).arg(i).arg(1 + i % 2).toUtf8());
        }
        file.close();
        ScriptedPrompts prompts;
        auto* dialog = new BatchProvisionDialog(TestFleet::catalogParams(), prompts);
        QSignalSpy finished(dialog, &BatchProvisionDialog::finished);
        dialog->show();
        QVERIFY(dialog->loadFile(file.fileName()));
        BatchRowModel* model = dialog->model();
        QTest::mouseClick(child<QAbstractButton>(dialog, "batchStart"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(model->count(JobState::Done) >= 2, 30000);
        QTest::mouseClick(child<QAbstractButton>(dialog, "batchCancel"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);

        const int done = model->count(JobState::Done), pending = model->count(JobState::Pending);
        QVERIFY2(done >= 2 && done < tenants, qPrintable(QString::number(done)));
        QCOMPARE(done + pending, tenants); // nothing running, failed or unconfirmed
        QVERIFY(child<QLabel>(dialog, "batchSummary")->text().contains(QStringLiteral("%1 to go").arg(pending)));
        QCOMPARE(child<QAbstractButton>(dialog, "batchStart")->text(), QStringLiteral("Resume"));
        QVERIFY(!child<QAbstractButton>(dialog, "batchCancel")->isEnabled());
        PgConnection shards[2];
        for (int n = 0; n < 2; ++n)
            shards[n].open(TestFleet::shardParams(n + 1).withSafeDefaults());
        for (int i = 0; i < tenants; ++i) {
            const BatchRow& row = model->rows().at(i);
            const bool created = row.state == JobState::Done;
            QCOMPARE(catalogState(m_catalog, row.spec.slug), created ? QStringLiteral("active") : QString());
            QCOMPARE(schemaExists(shards[i % 2], row.spec.slug), created);
        }

        QTest::mouseClick(child<QAbstractButton>(dialog, "batchStart"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        QCOMPARE(model->count(JobState::Done), tenants);
        dialog->close();
    }

    void reconcileDialogChecks()
    {
        auto* dialog = new ReconcileDialog(TestFleet::catalogParams());
        QSignalSpy finished(dialog, &ReconcileDialog::finished);
        dialog->show();
        QAbstractButton* check = child<QAbstractButton>(dialog, "reconcileCheck");
        QTRY_VERIFY(check->isEnabled()); // once connected
        QTest::mouseClick(check, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(!child<QLabel>(dialog, "reconcileSummary")->text().isEmpty());
        dialog->close();
    }
};

QTEST_MAIN(TestProvisionWizard)
#include "TestProvisionWizard.moc"
