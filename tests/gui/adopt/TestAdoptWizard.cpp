#include "ForeignFleet.h"
#include "WidgetInput.h"
#include "pg/PgConnection.h"
#include "ui/adopt/AdoptCandidateModel.h"
#include "ui/adopt/AdoptWizard.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

// The Adopt Existing Tenants wizard clicked through offscreen on a django-tenants fleet built for
// the test: a table name that does not exist says so and lets nothing through; then the scan lists
// the app's tenants (public left out), a slug is edited, the preview shows it, a template version
// is chosen (the sandbox's "store"), and Adopt registers exactly the checked tenants with it.
class TestAdoptWizard : public QObject {
    Q_OBJECT

    static QString candidates(const QTableView* table)
    {
        QStringList objects;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            objects << table->model()->index(row, AdoptCandidateModel::Object).data().toString();
        return objects.join(u' ');
    }
    static void chooseShard(AdoptWizard* wizard, const QString& shard)
    {
        QComboBox* shards = namedChild<QComboBox>(wizard, "adoptShard");
        QTRY_VERIFY(shards->findText(shard) >= 0);
        shards->setCurrentIndex(shards->findText(shard));
    }

private slots:
    void adoptThroughTheWizard()
    {
        ForeignFleet f(QStringLiteral("wiz"));
        f.run(f.database(),
              QStringLiteral(
                  "CREATE TABLE public.clients (id serial PRIMARY KEY, schema_name text UNIQUE NOT NULL, name text);\n"
                  "CREATE TABLE public.client_domains (id serial PRIMARY KEY, domain text UNIQUE NOT NULL, tenant_id "
                  "integer NOT NULL REFERENCES public.clients (id), is_primary boolean NOT NULL DEFAULT true);\n"
                  "INSERT INTO public.clients (schema_name, name) VALUES ('public', 'Public'), ('north', 'North'), "
                  "('south', 'South');\nINSERT INTO public.client_domains (domain, tenant_id) VALUES ('")
                  + f.unique(QStringLiteral("north"))
                  + QStringLiteral(".example.com', 2);\n"
                                   "CREATE SCHEMA north; CREATE SCHEMA south; CREATE SCHEMA scratch;"),
              true);
        f.grantAppTables();

        auto* wizard = new AdoptWizard(ForeignFleet::catalogAdmin());
        QSignalSpy adopted(wizard, &AdoptWizard::tenantsAdopted);
        wizard->show();
        chooseShard(wizard, f.shard());
        QComboBox* layout = namedChild<QComboBox>(wizard, "adoptLayout");
        QCOMPARE(layout->currentData().toString(), QString()); // auto by default
        layout->setCurrentIndex(layout->findData(QStringLiteral("django-tenants")));
        QAbstractButton* next = wizard->button(QWizard::NextButton);

        // The library's default table is not there: the scan says which table and option.
        QTest::mouseClick(next, Qt::LeftButton);
        QLabel* status = namedChild<QLabel>(wizard, "adoptScanStatus");
        QTRY_VERIFY2(status->text().contains(QStringLiteral("public.customers_client does not exist")),
                     qPrintable(status->text()));
        QVERIFY(!next->isEnabled());

        QTest::mouseClick(wizard->button(QWizard::BackButton), Qt::LeftButton);
        typeInto(namedChild<QLineEdit>(wizard, "adoptOption_tenant_table"), QStringLiteral("public.clients"));
        typeInto(namedChild<QLineEdit>(wizard, "adoptOption_domain_table"), QStringLiteral("public.client_domains"));
        QTest::mouseClick(next, Qt::LeftButton);
        QTableView* table = namedChild<QTableView>(wizard, "adoptCandidates");
        // The shard's server also holds databases other tests make meanwhile: only schemas are this fleet's.
        QTRY_VERIFY2(table->model()->rowCount() >= 3, qPrintable(candidates(table)));
        auto* model = static_cast<AdoptCandidateModel*>(table->model());
        QStringList objects;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString object = model->index(row, AdoptCandidateModel::Object).data().toString();
            if (!object.startsWith(QLatin1String("tenant_")))
                objects.append(object);
        }
        objects.sort();
        QCOMPARE(objects, (QStringList{QStringLiteral("north"), QStringLiteral("scratch"), QStringLiteral("south")}));
        QCOMPARE(model->chosen().size(), 2); // the app's two; scratch is offered unchecked
        QVERIFY(next->isEnabled());

        // Rename north's slug in the table, and leave south out.
        const QString slug = f.unique(QStringLiteral("north-"));
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString object = model->index(row, AdoptCandidateModel::Object).data().toString();
            if (object == QLatin1String("north"))
                QVERIFY(model->setData(model->index(row, AdoptCandidateModel::Slug), slug, Qt::EditRole));
            if (object == QLatin1String("south"))
                QVERIFY(
                    model->setData(model->index(row, AdoptCandidateModel::Adopt), Qt::Unchecked, Qt::CheckStateRole));
        }
        // A slug a catalog tenant has: the preview says so, and Adopt stays off.
        const QString taken = ForeignFleet::anyCatalogSlug();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, AdoptCandidateModel::Object).data().toString() == QLatin1String("north"))
                QVERIFY(model->setData(model->index(row, AdoptCandidateModel::Slug), taken, Qt::EditRole));
        }
        QTest::mouseClick(next, Qt::LeftButton);
        QLabel* previewStatus = namedChild<QLabel>(wizard, "adoptPreviewStatus");
        QTRY_VERIFY2(previewStatus->text().contains(QStringLiteral("collides")), qPrintable(previewStatus->text()));
        QVERIFY(!next->isEnabled());
        QTest::mouseClick(wizard->button(QWizard::BackButton), Qt::LeftButton);
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, AdoptCandidateModel::Object).data().toString() == QLatin1String("north"))
                QVERIFY(model->setData(model->index(row, AdoptCandidateModel::Slug), slug, Qt::EditRole));
        }

        QTest::mouseClick(next, Qt::LeftButton);
        QTRY_VERIFY(next->isEnabled());
        QPlainTextEdit* preview = namedChild<QPlainTextEdit>(wizard, "adoptPreview");
        QVERIFY2(preview->toPlainText().contains(QStringLiteral("register ") + slug),
                 qPrintable(preview->toPlainText()));
        QVERIFY(!preview->toPlainText().contains(QStringLiteral("schema south")));
        QVERIFY(!preview->toPlainText().contains(QStringLiteral("template")));
        // The template list: none first (the default), then the versions the catalog has for schema tenants.
        QComboBox* templates = namedChild<QComboBox>(wizard, "adoptTemplate");
        QCOMPARE(templates->currentText(), QStringLiteral("none"));
        QTRY_VERIFY(templates->findText(QStringLiteral("store version 1")) > 0);
        templates->setCurrentIndex(templates->findText(QStringLiteral("store version 1")));
        QVERIFY2(preview->toPlainText().contains(QStringLiteral(", template store v1")),
                 qPrintable(preview->toPlainText()));
        QCOMPARE(ForeignFleet::catalogTenantCount(f.shard()), 0); // nothing written before Adopt

        // A second window scanned the same shard before the first adopts.
        auto* late = new AdoptWizard(ForeignFleet::catalogAdmin());
        late->show();
        chooseShard(late, f.shard());
        QComboBox* lateLayout = namedChild<QComboBox>(late, "adoptLayout");
        lateLayout->setCurrentIndex(lateLayout->findData(QStringLiteral("django-tenants")));
        typeInto(namedChild<QLineEdit>(late, "adoptOption_tenant_table"), QStringLiteral("public.clients"));
        typeInto(namedChild<QLineEdit>(late, "adoptOption_domain_table"), QStringLiteral("public.client_domains"));
        QAbstractButton* lateNext = late->button(QWizard::NextButton);
        QTest::mouseClick(lateNext, Qt::LeftButton);
        QTRY_VERIFY(namedChild<QTableView>(late, "adoptCandidates")->model()->rowCount() >= 3);
        QTest::mouseClick(lateNext, Qt::LeftButton);
        QTRY_VERIFY(lateNext->isEnabled());

        QTest::mouseClick(next, Qt::LeftButton);
        QTRY_COMPARE(adopted.count(), 1);
        QVERIFY(namedChild<QLabel>(wizard, "adoptResult")->text().contains(QStringLiteral("Adopted 1")));
        QCOMPARE(ForeignFleet::catalogObject(slug), QStringLiteral("schema:north"));
        QCOMPARE(ForeignFleet::catalogTenantCount(f.shard()), 1);
        PgConnection catalog;
        catalog.open(ForeignFleet::catalogAdmin());
        const PgResult recorded = catalog.exec(
            QStringLiteral("SELECT template_name, template_version FROM tenantdesk.tenants WHERE slug = $1"), {slug});
        QCOMPARE(recorded.text(0, 0), QStringLiteral("store"));
        QCOMPARE(recorded.toInt(0, 1), 1);
        // No way back to a page that offers Adopt again with the old scan.
        QVERIFY(!wizard->button(QWizard::BackButton)->isEnabled());
        delete wizard;

        // The late window's Adopt is refused: north is already adopted (not "another slug").
        QTest::mouseClick(lateNext, Qt::LeftButton);
        QLabel* lateResult = namedChild<QLabel>(late, "adoptResult");
        QTRY_VERIFY2(lateResult->text().contains(QStringLiteral("\"north\" is already adopted")),
                     qPrintable(lateResult->text()));
        QVERIFY2(lateResult->text().contains(QStringLiteral("Leave out what is already adopted")),
                 qPrintable(lateResult->text()));
        QCOMPARE(ForeignFleet::catalogTenantCount(f.shard()), 1);
        QVERIFY(late->button(QWizard::BackButton)->isEnabled()); // to change the choice
        delete late;
    }
};

QTEST_MAIN(TestAdoptWizard)
#include "TestAdoptWizard.moc"
