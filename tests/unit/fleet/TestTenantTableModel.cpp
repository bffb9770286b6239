#include "fleet/TenantTableModel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

// The tenant table model on synthetic catalogs: filtering, sorting and appending pages, always
// under QAbstractItemModelTester, and the persistent indexes (the view's selection) kept on the
// same tenant through all of it.
class TestTenantTableModel : public QObject {
    Q_OBJECT

private:
    // Tenants t000..t(n-1) in slug order; every third is a database tenant, every fifth suspended.
    static TenantTable makeTable(int from, int to)
    {
        TenantTable table;
        table.addShard(1, QStringLiteral("shard-a"));
        table.addShard(2, QStringLiteral("shard-b"));
        for (int i = from; i < to; ++i) {
            const QByteArray slug = QByteArray("t") + QByteArray::number(i).rightJustified(3, '0');
            const QByteArray name = (i % 2 ? QByteArray("Globex ") : QByteArray("Acme ")) + QByteArray::number(i);
            table.append(i + 1, slug, name, i % 3 == 0 ? IsolationModel::Database : IsolationModel::Schema,
                         i % 2 ? 2 : 1, i % 5 == 0 ? TenantState::Suspended : TenantState::Active,
                         1700000000 + qint64(i) * 3600);
        }
        return table;
    }

    static QStringList column(const TenantTableModel& model, int column)
    {
        QStringList values;
        for (int row = 0; row < model.rowCount(); ++row)
            values << model.index(row, column).data().toString();
        return values;
    }

private slots:
    void showsColumnsOfTheTable()
    {
        TenantTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTenants(makeTable(0, 10));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.columnCount(), 6);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("Slug"));
        QCOMPARE(model.headerData(5, Qt::Horizontal).toString(), QStringLiteral("Created"));
        QCOMPARE(model.index(3, TenantTable::Slug).data().toString(), QStringLiteral("t003"));
        QCOMPARE(model.index(3, TenantTable::Name).data().toString(), QStringLiteral("Globex 3"));
        QCOMPARE(model.index(3, TenantTable::Model).data().toString(), QStringLiteral("database"));
        QCOMPARE(model.index(3, TenantTable::Shard).data().toString(), QStringLiteral("shard-b"));
        QCOMPARE(model.index(5, TenantTable::State).data().toString(), QStringLiteral("suspended"));
        QCOMPARE(model.index(0, TenantTable::Created).data().toString(), QStringLiteral("2023-11-14 22:13"));
        QCOMPARE(model.index(3, 0).data(TenantTableModel::TenantIdRole).toLongLong(), 4);
    }

    void narrowsWidensAndClearsTheFilter()
    {
        TenantTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTenants(makeTable(0, 30));
        QSignalSpy counts(&model, &TenantTableModel::countsChanged);

        model.setFilterText(QStringLiteral("g")); // "Globex", and "shard-b" does not contain g
        QCOMPARE(model.rowCount(), 15);
        model.setFilterText(QStringLiteral("GLOBEX 2")); // narrows, ignoring case
        QCOMPARE(column(model, TenantTable::Slug), (QStringList{"t021", "t023", "t025", "t027", "t029"}));
        model.setFilterText(QStringLiteral("acme 2")); // not an extension: a fresh scan
        QCOMPARE(column(model, TenantTable::Slug), (QStringList{"t002", "t020", "t022", "t024", "t026", "t028"}));
        model.setFilterText(QStringLiteral("suspended")); // matches the state column by value
        QCOMPARE(model.rowCount(), 6);
        model.setFilterText(QStringLiteral("shard-a"));
        QCOMPARE(model.rowCount(), 15);
        model.setFilterText(QStringLiteral("2023-11-15"));
        QCOMPARE(model.rowCount(), 24);
        model.setFilterText(QString());
        QCOMPARE(model.rowCount(), 30);
        QCOMPARE(counts.count(), 7);
        QCOMPARE(model.totalCount(), 30);
    }

    void sortsByEveryColumnAndKeepsTheFilter()
    {
        TenantTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTenants(makeTable(0, 12));
        model.sort(TenantTable::Slug, Qt::DescendingOrder);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("t011"));
        model.sort(TenantTable::Model, Qt::AscendingOrder); // schema first; ties in slug order
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("t001"));
        QCOMPARE(model.index(8, 0).data().toString(), QStringLiteral("t000"));
        model.setFilterText(QStringLiteral("globex"));
        QCOMPARE(column(model, TenantTable::Slug), (QStringList{"t001", "t005", "t007", "t011", "t003", "t009"}));
        model.sort(TenantTable::Created, Qt::DescendingOrder);
        QCOMPARE(column(model, TenantTable::Slug), (QStringList{"t011", "t009", "t007", "t005", "t003", "t001"}));
        model.setFilterText(QString()); // widening keeps the sort order
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("t011"));
        QCOMPARE(model.index(11, 0).data().toString(), QStringLiteral("t000"));
        model.sort(-1); // back to catalog order
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("t000"));
    }

    void selectionFollowsTheTenantThroughFilterAndSort()
    {
        TenantTableModel model;
        model.setTenants(makeTable(0, 20));
        const QPersistentModelIndex selected = model.index(7, TenantTable::Name);
        model.setFilterText(QStringLiteral("globex"));
        QCOMPARE(selected.row(), 3);
        QCOMPARE(selected.column(), int(TenantTable::Name));
        model.sort(TenantTable::Slug, Qt::DescendingOrder);
        QCOMPARE(selected.data().toString(), QStringLiteral("Globex 7"));
        model.setFilterText(QStringLiteral("acme"));
        QVERIFY(!selected.isValid());
    }

    void appendsPagesAsInsertedRows()
    {
        TenantTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sort(TenantTable::Slug, Qt::AscendingOrder);
        model.setTenants(makeTable(0, 5));
        const QPersistentModelIndex first = model.index(1, 0);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.appendTenants(makeTable(5, 40));
        QCOMPARE(model.rowCount(), 40);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(first.row(), 1);
        QCOMPARE(model.index(39, 0).data().toString(), QStringLiteral("t039"));
    }

    // A fresh load in which a shard has a new name, a tenant is gone and one is new: no reset, the
    // filter and order kept, and persistent indexes on the same tenants (gone: invalid).
    void replacesTheTableFollowingTenantsById()
    {
        TenantTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.sort(TenantTable::Slug, Qt::DescendingOrder);
        model.setTenants(makeTable(0, 30));
        model.setFilterText(QStringLiteral("globex"));
        const QPersistentModelIndex kept = model.index(model.rowOfTenant(8), TenantTable::Shard); // t007
        const QPersistentModelIndex gone = model.index(model.rowOfTenant(30), TenantTable::Slug); // t029
        QCOMPARE(kept.data().toString(), QStringLiteral("shard-b"));

        TenantTable fresh;
        fresh.addShard(2, QStringLiteral("shard-b renamed"));
        fresh.addShard(1, QStringLiteral("shard-a"));
        const TenantTable old = makeTable(0, 29);
        fresh.append(99, "t100", "Globex new", IsolationModel::Schema, 2, TenantState::Active, 1700000000);
        for (int row = 0; row < old.size(); ++row)
            fresh.append(old.id(row), old.slug(row).toUtf8(), old.name(row).toUtf8(), old.model(row), old.shardId(row),
                         old.state(row), old.createdSecs(row));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy replaced(&model, &TenantTableModel::tenantsReplaced);
        model.replaceTenants(std::move(fresh));

        QCOMPARE(reset.count(), 0);
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(model.totalCount(), 30);
        QCOMPARE(kept.data().toString(), QStringLiteral("shard-b renamed"));
        QCOMPARE(model.index(kept.row(), TenantTable::Slug).data().toString(), QStringLiteral("t007"));
        QVERIFY(!gone.isValid());
        QCOMPARE(column(model, TenantTable::Name).size(), 15); // 14 kept by the filter, and the new one
        QCOMPARE(model.index(0, TenantTable::Slug).data().toString(), QStringLiteral("t100")); // still descending
    }

    void appendsOnlyRowsThatPassTheFilter()
    {
        TenantTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilterText(QStringLiteral("acme"));
        model.setTenants(makeTable(0, 10));
        QCOMPARE(model.rowCount(), 5);
        model.appendTenants(makeTable(10, 20));
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.totalCount(), 20);
        model.setFilterText(QString());
        QCOMPARE(model.rowCount(), 20);
    }

    void mergesPagesThatInterleaveWithTheSortOrder()
    {
        TenantTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTenants(makeTable(0, 10));
        model.sort(TenantTable::Name, Qt::AscendingOrder); // Acme 0, Acme 2, ..., Globex 1, ...
        const QPersistentModelIndex globex1 = model.index(5, TenantTable::Name);
        QCOMPARE(globex1.data().toString(), QStringLiteral("Globex 1"));
        model.appendTenants(makeTable(10, 14)); // Acme 10, Acme 12 sort before Globex 1
        QCOMPARE(model.rowCount(), 14);
        QCOMPARE(globex1.row(), 7);
        QCOMPARE(model.index(6, TenantTable::Name).data().toString(), QStringLiteral("Acme 8"));
        QCOMPARE(model.rowOfTenant(11), 1); // "Acme 10" sorts as text, before "Acme 2"
        QCOMPARE(model.rowOfTenant(13), 2);
    }

    void filtersAHundredThousandTenantsQuickly()
    {
        TenantTableModel model;
        model.setTenants(makeTable(0, 100000));
        QElapsedTimer timer;
        timer.start();
        model.setFilterText(QStringLiteral("g"));
        model.setFilterText(QStringLiteral("gl"));
        model.setFilterText(QStringLiteral("g"));
        model.setFilterText(QString());
        // Generous for debug and sanitizer builds; the benchmark holds the real target.
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(model.memoryBytes() / 100000 < 300);
    }
};

QTEST_GUILESS_MAIN(TestTenantTableModel)
#include "TestTenantTableModel.moc"
