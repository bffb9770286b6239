#include "ui/common/DialogParts.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
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
};

QTEST_MAIN(TestDialogParts)
#include "TestDialogParts.moc"
