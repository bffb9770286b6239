#include "ui/common/DialogParts.h"

#include "catalog/TenantEnums.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

class TestDialogParts : public QObject {
    Q_OBJECT

private slots:
    void closeOrCancelRejects_data()
    {
        QTest::addColumn<QDialogButtonBox::StandardButtons>("standard");
        QTest::addColumn<QDialogButtonBox::StandardButton>("rejecting");
        QTest::newRow("close") << QDialogButtonBox::StandardButtons(QDialogButtonBox::Close) << QDialogButtonBox::Close;
        QTest::newRow("save or cancel") << (QDialogButtonBox::Save | QDialogButtonBox::Cancel)
                                        << QDialogButtonBox::Cancel;
    }

    void closeOrCancelRejects()
    {
        QFETCH(QDialogButtonBox::StandardButtons, standard);
        QFETCH(QDialogButtonBox::StandardButton, rejecting);
        QDialog dialog;
        QDialogButtonBox* buttons = DialogParts::buttons(&dialog, standard);
        QCOMPARE(buttons->parent(), &dialog);
        QCOMPARE(buttons->standardButtons(), standard);
        QPushButton* reject = buttons->button(rejecting);
        QVERIFY(reject);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show();
        QTest::mouseClick(reject, Qt::LeftButton);
        QCOMPARE(rejected.count(), 1);
        QCOMPARE(accepted.count(), 0);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
    }

    void resultTableIsReadOnlyAndCompact()
    {
        QStandardItemModel model(2, 3);
        QTableView table;
        table.setModel(&model);
        DialogParts::setUpResultTable(&table);
        QVERIFY(table.verticalHeader()->isHidden());
        QCOMPARE(table.editTriggers(), QAbstractItemView::NoEditTriggers);
        QVERIFY(table.horizontalHeader()->stretchLastSection());
        QCOMPARE(table.verticalHeader()->defaultSectionSize(), table.fontMetrics().height() + 8);
    }

    void findingsTableWrapsItsTextColumns()
    {
        QStandardItemModel model(2, 4);
        QTableView table;
        table.setModel(&model);
        DialogParts::setUpFindingsTable(&table, {1, 3});
        QVERIFY(table.verticalHeader()->isHidden());
        QCOMPARE(table.editTriggers(), QAbstractItemView::NoEditTriggers);
        QVERIFY(table.wordWrap());
        QCOMPARE(table.horizontalHeader()->sectionResizeMode(1), QHeaderView::Stretch);
        QCOMPARE(table.horizontalHeader()->sectionResizeMode(3), QHeaderView::Stretch);
        QCOMPARE(table.horizontalHeader()->sectionResizeMode(0), QHeaderView::Interactive);
    }

    void wideRowGivesTheWidthToItsFirstWidget()
    {
        QWidget parent;
        auto* status = new QLabel(&parent);
        auto* ok = new QPushButton(&parent);
        auto* cancel = new QPushButton(&parent);
        QHBoxLayout* row = DialogParts::wideRow(status, {ok, cancel});
        parent.setLayout(row);
        QCOMPARE(row->count(), 3);
        QCOMPARE(row->itemAt(0)->widget(), status);
        QCOMPARE(row->stretch(0), 1);
        QCOMPARE(row->itemAt(1)->widget(), ok);
        QCOMPARE(row->itemAt(2)->widget(), cancel);
        QCOMPARE(row->stretch(2), 0);
    }

    void statusLabelShowsMarkupAsText()
    {
        QWidget parent;
        QLabel* label = DialogParts::statusLabel(&parent, QStringLiteral("someStatus"));
        QCOMPARE(label->parent(), &parent);
        QCOMPARE(label->objectName(), QStringLiteral("someStatus"));
        QCOMPARE(label->textFormat(), Qt::PlainText);
        QVERIFY(label->wordWrap());
        const QString serverText = QStringLiteral("relation \"<b>x</b>\" does not exist");
        DialogParts::showProblem(label, serverText);
        QCOMPARE(label->text(), serverText);
        QVERIFY(label->styleSheet().contains(QStringLiteral("color")));
        DialogParts::showStatus(label, QStringLiteral("Done."));
        QCOMPARE(label->text(), QStringLiteral("Done."));
        QVERIFY(label->styleSheet().isEmpty()); // back to the normal colour
    }

    void lineEditShowsItsPlaceholderWhileEmpty()
    {
        QWidget parent;
        QLineEdit* field = DialogParts::lineEdit(&parent, QStringLiteral("someField"), QStringLiteral("e.g. acme"));
        QCOMPARE(field->parent(), &parent);
        QCOMPARE(field->objectName(), QStringLiteral("someField"));
        QCOMPARE(field->placeholderText(), QStringLiteral("e.g. acme"));
        QVERIFY(field->text().isEmpty());
    }

    void isolationModelBoxOffersEveryModel()
    {
        QWidget parent;
        QComboBox* box = DialogParts::isolationModelBox(&parent, QStringLiteral("someModel"));
        QCOMPARE(box->objectName(), QStringLiteral("someModel"));
        QCOMPARE(box->count(), 3);
        for (IsolationModel model : {IsolationModel::Schema, IsolationModel::Database, IsolationModel::Shared}) {
            const int index = box->findData(int(model));
            QVERIFY(index >= 0);
            QCOMPARE(box->itemText(index), toString(model));
        }
    }

    void codeViewIsReadOnlyFixedAndUnwrapped()
    {
        QWidget parent;
        QPlainTextEdit* view = DialogParts::codeView(&parent, QStringLiteral("someSql"));
        QCOMPARE(view->parent(), &parent);
        QCOMPARE(view->objectName(), QStringLiteral("someSql"));
        QVERIFY(view->isReadOnly());
        QCOMPARE(view->lineWrapMode(), QPlainTextEdit::NoWrap);
        QVERIFY(QFontInfo(view->font()).fixedPitch());
    }
};

QTEST_MAIN(TestDialogParts)
#include "TestDialogParts.moc"
