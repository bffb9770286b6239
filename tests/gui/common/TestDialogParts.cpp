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
    void closeButtonRejects()
    {
        QDialog dialog;
        QDialogButtonBox* buttons = DialogParts::closeButtons(&dialog);
        QCOMPARE(buttons->parent(), &dialog);
        QPushButton* close = buttons->button(QDialogButtonBox::Close);
        QVERIFY(close);
        QSignalSpy rejected(&dialog, &QDialog::rejected);
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        dialog.show();
        QTest::mouseClick(close, Qt::LeftButton);
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
