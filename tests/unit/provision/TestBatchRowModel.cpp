#include "provision/BatchCsv.h"
#include "provision/BatchRowModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The batch dialog's table: rows from a CSV file, updated one by one as the workers report them,
// under QAbstractItemModelTester.
class TestBatchRowModel : public QObject {
    Q_OBJECT

private slots:
    // One job-state scale; each row names its done state by what its job does.
    void stateNames()
    {
        QCOMPARE(BatchRow::stateName(JobState::Done), QStringLiteral("created"));
        QCOMPARE(jobStateName(JobState::Done, QLatin1StringView("upgraded")), QStringLiteral("upgraded"));
        QCOMPARE(BatchRow::stateName(JobState::Unconfirmed), QStringLiteral("unconfirmed"));
        QCOMPARE(jobStateName(JobState::Pending, QLatin1StringView("upgraded")), QStringLiteral("pending"));
    }

    void rowsAndUpdates()
    {
        BatchRowModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(BatchCsv::parse("slug,name,model,shard,template,version,domains\n"
                                      "acme,Acme,schema,,store,,\n"
                                      "globex,Globex,database,shard-2,store,,\n"
                                      "Bad,Bad,schema,,store,,\n"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(BatchRowModel::ColumnCount));
        QCOMPARE(model.index(0, BatchRowModel::Shard).data().toString(), QStringLiteral("automatic"));
        QCOMPARE(model.index(1, BatchRowModel::Model).data().toString(), QStringLiteral("database"));
        QCOMPARE(model.count(JobState::Pending), 3);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        BatchRow row = model.rows()[0];
        row.state = JobState::Done;
        row.message = QStringLiteral("schema on shard-1");
        model.setRow(0, row);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.index(0, BatchRowModel::State).data().toString(), QStringLiteral("created"));
        BatchRow bad = model.rows()[2];
        bad.state = JobState::Failed;
        bad.inputError = bad.message = QStringLiteral("The slug \"Bad\" has upper-case letters\nsecond line");
        model.setRow(2, bad);
        QCOMPARE(model.index(2, BatchRowModel::Message).data().toString(),
                 QStringLiteral("The slug \"Bad\" has upper-case letters"));
        QCOMPARE(model.index(2, BatchRowModel::Message).data(Qt::ToolTipRole).toString(), bad.message);
        QCOMPARE(model.finished(), 2);
        QCOMPARE(model.count(JobState::Failed), 1);
        QCOMPARE(model.retriable(), 0); // a bad line is not worth another try
        model.setRow(7, row);           // out of range: ignored
        QCOMPARE(changed.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestBatchRowModel)
#include "TestBatchRowModel.moc"
