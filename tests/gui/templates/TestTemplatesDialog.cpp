#include "ScriptedPrompts.h"
#include "TestFleet.h"
#include "WidgetInput.h"
#include "templates/TemplateStore.h"
#include "ui/templates/TemplatesDialog.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

// The Templates window clicked through offscreen against the sandbox: a broken file refused with
// the server's message and nothing stored, two versions added from files, compared object by
// object, and a version imported from a seeded tenant.
class TestTemplatesDialog : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    QTemporaryDir m_files;

    QString file(const QString& name, const QString& sql)
    {
        QFile f(m_files.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(sql.toUtf8()) < 0)
            qFatal("cannot write %s", qPrintable(f.fileName()));
        return f.fileName();
    }

    static QString uniqueName(const QString& purpose)
    {
        return QStringLiteral("tdgui-%1-%2")
            .arg(purpose)
            .arg(QRandomGenerator::global()->generate() % 0xffffff, 6, 16, QLatin1Char('0'));
    }

    // Clicks button once the dialog is idle (after a job it reloads the list) and waits for the
    // job it starts; returns whether it succeeded.
    static bool clickAndWait(TemplatesDialog& dialog, QPushButton* button)
    {
        QSignalSpy finished(&dialog, &TemplatesDialog::finished);
        if (!QTest::qWaitFor([&] { return button->isEnabled(); }, 30000))
            qFatal("%s stayed disabled", qPrintable(button->objectName()));
        QTest::mouseClick(button, Qt::LeftButton);
        if (!finished.wait(60000))
            qFatal("the job did not finish");
        return finished.constFirst().constFirst().toBool();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        m_catalog.open(TestFleet::catalogParams().withSafeDefaults());
    }

    void addCompareAndImport()
    {
        ScriptedPrompts prompts;
        TemplatesDialog dialog(TestFleet::catalogParams(), prompts);
        dialog.show();
        QTRY_VERIFY(namedChild<QTableWidget>(&dialog, "templateVersions")->rowCount() > 0);
        auto* add = namedChild<QPushButton>(&dialog, "templateAddFile");
        auto* result = namedChild<QPlainTextEdit>(&dialog, "templateResult");
        QVERIFY(!add->isEnabled()); // no name yet

        const QString name = uniqueName(QStringLiteral("win"));
        typeInto(namedChild<QLineEdit>(&dialog, "templateName"), name);
        auto* model = namedChild<QComboBox>(&dialog, "templateModel");
        model->setCurrentIndex(model->findText(QStringLiteral("schema")));

        prompts.fileToChoose = file(QStringLiteral("broken.sql"), QStringLiteral("CREATE TABLE a (b nosuchtype);"));
        QVERIFY(!clickAndWait(dialog, add));
        QVERIFY2(result->toPlainText().contains(QLatin1String("nosuchtype")), qPrintable(result->toPlainText()));
        QCOMPARE(TemplateStore::latestVersion(m_catalog, name, IsolationModel::Schema), 0);

        prompts.fileToChoose = file(QStringLiteral("v1.sql"),
                                    QStringLiteral("CREATE TABLE orders (id int PRIMARY KEY, "
                                                   "placed date);\nCREATE INDEX orders_placed "
                                                   "ON orders (placed);"));
        QVERIFY2(clickAndWait(dialog, add), qPrintable(result->toPlainText()));
        QVERIFY2(result->toPlainText().startsWith(QStringLiteral("Added %1 v1").arg(name)),
                 qPrintable(result->toPlainText()));
        prompts.fileToChoose = file(
            QStringLiteral("v2.sql"),
            QStringLiteral("CREATE TABLE orders (id int PRIMARY KEY, placed date, note text);"));
        QVERIFY2(clickAndWait(dialog, add), qPrintable(result->toPlainText()));
        QCOMPARE(TemplateStore::latestVersion(m_catalog, name, IsolationModel::Schema), 2);

        // Selecting v2 in the list sets up v1 -> v2.
        auto* table = namedChild<QTableWidget>(&dialog, "templateVersions");
        auto rowOf = [&](const QString& version) {
            for (QTableWidgetItem* item : table->findItems(name, Qt::MatchExactly)) {
                if (table->item(item->row(), TemplatesDialog::VersionColumn)->text() == version)
                    return item->row();
            }
            return -1;
        };
        QTRY_VERIFY(rowOf(QStringLiteral("2")) >= 0); // the list is loaded again after each add
        const int row = rowOf(QStringLiteral("2"));
        table->selectRow(row);
        QCOMPARE(namedChild<QSpinBox>(&dialog, "templateDiffFrom")->value(), 1);
        QCOMPARE(namedChild<QSpinBox>(&dialog, "templateDiffTo")->value(), 2);
        QVERIFY2(clickAndWait(dialog, namedChild<QPushButton>(&dialog, "templateCompare")),
                 qPrintable(result->toPlainText()));
        const QStringList lines = result->toPlainText().split(u'\n');
        QVERIFY2(lines.contains(QStringLiteral("+ column orders.note: text")), qPrintable(result->toPlainText()));
        QVERIFY2(lines.contains(QStringLiteral("- index orders.orders_placed")), qPrintable(result->toPlainText()));

        // From the seeded schema tenant acme, as a new template.
        const QString imported = uniqueName(QStringLiteral("imp"));
        typeInto(namedChild<QLineEdit>(&dialog, "templateName"), imported);
        dialog.setSourceTenant(QStringLiteral("acme"));
        QVERIFY2(clickAndWait(dialog, namedChild<QPushButton>(&dialog, "templateImport")),
                 qPrintable(result->toPlainText()));
        QVERIFY2(result->toPlainText().startsWith(QStringLiteral("Imported %1 v1 (schema)").arg(imported)),
                 qPrintable(result->toPlainText()));
        QCOMPARE(TemplateStore::latestVersion(m_catalog, imported, IsolationModel::Schema), 1);
    }
};

QTEST_MAIN(TestTemplatesDialog)
#include "TestTemplatesDialog.moc"
