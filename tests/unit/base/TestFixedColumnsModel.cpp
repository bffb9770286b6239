#include "base/FixedColumnsModel.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {
// Two rows under the titles "Name" and "Size".
class TwoRows : public FixedColumnsModel {
public:
    TwoRows()
        : FixedColumnsModel({QStringLiteral("Name"), QStringLiteral("Size")}, nullptr)
    {
    }
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : 2; }
    QVariant data(const QModelIndex& index, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(index.row() * 10 + index.column()) : QVariant();
    }
};
} // namespace

// The columns and header every fixed table of TenantDesk shares.
class TestFixedColumnsModel : public QObject {
    Q_OBJECT

private slots:
    void columnsAreTheTitles()
    {
        TwoRows model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.columnCount(model.index(0, 0)), 0); // flat: no children
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Name"));
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("Size"));
    }

    void nothingElseHasAHeader()
    {
        TwoRows model;
        QVERIFY(!model.headerData(2, Qt::Horizontal).isValid());
        QVERIFY(!model.headerData(-1, Qt::Horizontal).isValid());
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
        QVERIFY(!model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).isValid());
    }
};

QTEST_GUILESS_MAIN(TestFixedColumnsModel)
#include "TestFixedColumnsModel.moc"
