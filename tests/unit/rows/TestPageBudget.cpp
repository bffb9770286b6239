#include "FakeRows.h"
#include "rows/BrowseTableModel.h"

#include <QTest>

// A page is bounded by bytes as well as rows: it keeps the rows nearest its anchor until its
// values reach the budget (at least one row), says it was cut short, and a window that receives
// such a page does not end there: the next page continues from its last key.
class TestPageBudget : public QObject {
    Q_OBJECT

    static constexpr int Width = 300;

    // Rows of (id, Width bytes), for ids in the order given.
    static PgResult wideRows(const QList<int>& ids)
    {
        QList<QList<FakeRows::Cell>> rows;
        for (int id : ids)
            rows << QList<FakeRows::Cell>{QByteArray::number(id),
                                          QByteArray(Width - QByteArray::number(id).size(), 'x')};
        return FakeRows::result({QStringLiteral("id"), QStringLiteral("wide")}, rows);
    }

    static QList<int> ids(const BrowsePage& page)
    {
        QList<int> out;
        for (int row = 0; row < page.rowCount(); ++row)
            out << page.text(row, 0).toInt();
        return out;
    }

private slots:
    void aPageStopsAtItsBudgetKeepingTheRowsNearestTheAnchor()
    {
        // 3 rows hold 900 bytes, under 1,000; the 4th passes it and is the last one kept.
        const BrowsePage forward(wideRows({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), 2, BrowsePage::Read::Forward, 1000);
        QCOMPARE(ids(forward), (QList<int>{1, 2, 3, 4}));
        QVERIFY(forward.isCutShort());
        // A keyset page before a key reads backwards from it: the first rows read are kept, flipped.
        const BrowsePage backward(wideRows({10, 9, 8, 7, 6, 5, 4, 3, 2, 1}), 2, BrowsePage::Read::Backward, 1000);
        QCOMPARE(ids(backward), (QList<int>{7, 8, 9, 10}));
        QVERIFY(backward.isCutShort());
        // A page by position before a key reads forwards up to it: the last rows read are kept.
        const BrowsePage ending(wideRows({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), 2, BrowsePage::Read::EndingAtAnchor, 1000);
        QCOMPARE(ids(ending), (QList<int>{7, 8, 9, 10}));
        QVERIFY(ending.isCutShort());
    }

    void aRowWiderThanTheBudgetStillMakesAPage()
    {
        const BrowsePage one(wideRows({1, 2}), 2, BrowsePage::Read::Forward, 10);
        QCOMPARE(ids(one), QList<int>{1});
        QVERIFY(one.isCutShort());
        QCOMPARE(one.bytes(0, 1).size(), Width - 1);
    }

    void aPageWithinItsBudgetIsWhole()
    {
        const BrowsePage whole(wideRows({1, 2, 3}), 2, BrowsePage::Read::Forward);
        QCOMPARE(ids(whole), (QList<int>{1, 2, 3}));
        QVERIFY(!whole.isCutShort());
        const BrowsePage exact(wideRows({1, 2, 3}), 2, BrowsePage::Read::Forward, 3 * Width);
        QVERIFY(!exact.isCutShort());
        QVERIFY(BrowsePage(wideRows({}), 2, BrowsePage::Read::Forward, 1).isEmpty());
    }

    void aCutShortPageDoesNotEndTheWindow()
    {
        BrowseTableModel model;
        BrowseTable table;
        table.columns = {BrowseColumn{QStringLiteral("id"), 1, QStringLiteral("integer"), QStringLiteral("pg_catalog"),
                                      QStringLiteral("int4"), true, 'N', true},
                         BrowseColumn{QStringLiteral("wide"), 2, QStringLiteral("text"), QStringLiteral("pg_catalog"),
                                      QStringLiteral("text"), false, 'S', true}};
        table.keyColumns = {0};
        model.setTable(table);
        QList<PageRequest> asked;
        connect(&model, &BrowseTableModel::pageRequested, this, [&](const PageRequest& r) { asked << r; });
        model.showFirst();
        QCOMPARE(asked.size(), 1);
        BrowsePage cut(wideRows({1, 2, 3, 4, 5}), 2, BrowsePage::Read::Forward, 1000);
        cut.setKeys({QByteArray("1")}, {QByteArray("4")});
        model.deliver(asked.takeFirst(), std::move(cut));
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(!model.atEnd());
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().from, PageRequest::From::After);
        QCOMPARE(asked.first().anchor, RowKey{QByteArray("4")});

        // A short page that was not cut does end it.
        BrowsePage last(wideRows({5}), 2, BrowsePage::Read::Forward, 1000);
        last.setKeys({QByteArray("5")}, {QByteArray("5")});
        model.deliver(asked.takeFirst(), std::move(last));
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(model.atEnd());
        QVERIFY(!model.canFetchMore({}));
    }
};

QTEST_GUILESS_MAIN(TestPageBudget)
#include "TestPageBudget.moc"
