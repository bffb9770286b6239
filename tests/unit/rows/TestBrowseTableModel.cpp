#include "FakeRows.h"
#include "pg/PgError.h"
#include "rows/BrowseTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The windowed keyset model against an imaginary table of ids 1..N that answers page requests
// the way KeysetPager does: placeholders while a page is on its way, only missing rows asked for,
// stale replies dropped, memory bounded by the window.
class TestBrowseTableModel : public QObject {
    Q_OBJECT

private:
    // Answers a request as the server would for ids 1..rows.
    static BrowsePage answer(const PageRequest& r, qint64 rows)
    {
        qint64 first = 1;
        switch (r.from) {
        case PageRequest::From::Start:
            break;
        case PageRequest::From::End:
            first = qMax<qint64>(1, rows - r.limit + 1);
            break;
        case PageRequest::From::After:
            first = r.anchor.first().toByteArray().toLongLong() + 1;
            break;
        case PageRequest::From::Before: {
            const qint64 before = r.anchor.first().toByteArray().toLongLong();
            first = qMax<qint64>(1, before - r.limit);
            return FakeRows::page(first, int(before - first));
        }
        case PageRequest::From::Seek:
            first = r.seekValue.toLongLong();
            break;
        }
        const qint64 last = qMin(rows, first + r.limit - 1);
        return FakeRows::page(first, int(qMax<qint64>(0, last - first + 1)));
    }

    static BrowseTable table()
    {
        BrowseTable t;
        t.oid = 1;
        t.schema = QStringLiteral("acme");
        t.name = QStringLiteral("items");
        t.columns = {BrowseColumn{QStringLiteral("id"), 1, QStringLiteral("bigint"), QStringLiteral("pg_catalog"),
                                  QStringLiteral("int8"), true, 'N', true},
                     BrowseColumn{QStringLiteral("name"), 2, QStringLiteral("text"), QStringLiteral("pg_catalog"),
                                  QStringLiteral("text"), false, 'S', true}};
        t.keyColumns = {0};
        return t;
    }

    struct Fixture {
        BrowseTableModel model;
        QList<PageRequest> pending;
        qint64 rows;

        explicit Fixture(qint64 tableRows)
            : rows(tableRows)
        {
            model.setTable(table());
            QObject::connect(&model, &BrowseTableModel::pageRequested, &model,
                             [this](const PageRequest& r) { pending << r; });
        }
        // Answers every request asked so far, oldest first.
        void serve()
        {
            const QList<PageRequest> asked = std::exchange(pending, {});
            for (const PageRequest& r : asked)
                model.deliver(r, answer(r, rows));
        }
        qint64 id(int row) const { return model.data(model.index(row, 0)).toLongLong(); }
        // Every row holds the id after the previous one's.
        bool contiguous() const
        {
            for (int row = 1; row < model.rowCount(); ++row) {
                if (id(row) != id(row - 1) + 1)
                    return false;
            }
            return true;
        }
    };

private slots:
    void firstPageShowsPlaceholdersUntilItArrives()
    {
        Fixture f(1000);
        f.model.showFirst();
        QCOMPARE(f.pending.size(), 1);
        QCOMPARE(f.pending.first().from, PageRequest::From::Start);
        QCOMPARE(f.model.rowCount(), BrowseTableModel::PageSize);
        QVERIFY(f.model.data(f.model.index(0, 0), BrowseTableModel::IsPlaceholderRole).toBool());
        QCOMPARE(f.model.data(f.model.index(0, 1)).toString(), QStringLiteral("…"));
        f.serve();
        QCOMPARE(f.model.rowCount(), BrowseTableModel::PageSize);
        QCOMPARE(f.id(0), 1);
        QCOMPARE(f.model.data(f.model.index(0, 1)).toString(), QStringLiteral("row 1"));
        QVERIFY(f.model.atStart());
        QVERIFY(!f.model.atEnd());
        QVERIFY(!f.model.isLoading());
    }

    void scrollingDownAsksOnlyForTheNextPageAndShedsTheTop()
    {
        Fixture f(100000);
        f.model.showFirst();
        f.serve();
        qsizetype maxMemory = 0;
        for (int step = 0; step < 60; ++step) {
            f.model.rowsShown(f.model.rowCount() - 40, f.model.rowCount() - 1);
            QCOMPARE(f.pending.size(), 1); // one page at a time, after the last row held
            QCOMPARE(f.pending.first().from, PageRequest::From::After);
            QCOMPARE(f.pending.first().anchor.first().toByteArray().toLongLong(),
                     f.id(f.model.rowCount() - BrowseTableModel::PageSize - 1));
            f.serve();
            QVERIFY(f.model.rowCount() <= BrowseTableModel::MaxRows);
            maxMemory = qMax(maxMemory, f.model.memoryBytes());
        }
        QVERIFY(f.contiguous());
        QCOMPARE(f.id(f.model.rowCount() - 1), 61 * BrowseTableModel::PageSize);
        QVERIFY(!f.model.atStart());
        QVERIFY2(maxMemory < 1024 * 1024, "the window, not the rows scrolled past, bounds memory");
    }

    void fetchMoreFollowsQtsContract()
    {
        Fixture f(450);
        f.model.showFirst();
        QVERIFY(!f.model.canFetchMore({})); // the first page is still on its way
        f.serve();
        while (f.model.canFetchMore({})) {
            f.model.fetchMore({});
            f.serve();
        }
        QCOMPARE(f.model.rowCount(), 450);
        QVERIFY(f.model.atStart() && f.model.atEnd());
        QVERIFY(f.contiguous());
    }

    void lastPageThenScrollingUp()
    {
        Fixture f(100000);
        f.model.showLast();
        QCOMPARE(f.pending.first().from, PageRequest::From::End);
        f.serve();
        QCOMPARE(f.id(f.model.rowCount() - 1), 100000);
        QVERIFY(f.model.atEnd());
        f.model.rowsShown(0, 30);
        QCOMPARE(f.pending.first().from, PageRequest::From::Before);
        f.serve();
        QCOMPARE(f.model.rowCount(), 2 * BrowseTableModel::PageSize);
        QCOMPARE(f.id(0), 100000 - 2 * BrowseTableModel::PageSize + 1);
        QVERIFY(f.contiguous());
    }

    void shortBackwardPageReachesTheStart()
    {
        Fixture f(250);
        f.model.showLast();
        f.serve();
        QCOMPARE(f.id(0), 51);
        f.model.rowsShown(0, 10);
        f.serve();
        QCOMPARE(f.model.rowCount(), 250);
        QCOMPARE(f.id(0), 1);
        QVERIFY(f.model.atStart());
        QVERIFY(f.contiguous());
    }

    void seekStartsAWindowAtAValue()
    {
        Fixture f(100000);
        f.model.seek(QStringLiteral("5000"));
        QCOMPARE(f.pending.first().seekValue, QStringLiteral("5000"));
        f.serve();
        QCOMPARE(f.id(0), 5000);
        QVERIFY(!f.model.atStart());
    }

    void staleRepliesAreDropped()
    {
        Fixture f(1000);
        f.model.showFirst();
        const PageRequest old = f.pending.takeFirst();
        f.model.showLast(); // a new generation before the first page arrived
        f.model.deliver(old, answer(old, f.rows));
        QVERIFY(f.model.data(f.model.index(0, 0), BrowseTableModel::IsPlaceholderRole).toBool());
        f.serve();
        QCOMPARE(f.id(f.model.rowCount() - 1), 1000);
    }

    void aPageShedWhileInFlightIsDropped()
    {
        Fixture f(100000);
        f.model.showFirst();
        f.serve();
        f.model.rowsShown(0, 10); // nothing before the first row: no request
        QVERIFY(f.pending.isEmpty());
        for (int i = 0; i < 12; ++i) {
            f.model.fetchMore({});
            f.serve();
        }
        f.model.rowsShown(0, 10); // scrolled back to the top: a page before it
        QCOMPARE(f.pending.size(), 1);
        const PageRequest up = f.pending.takeFirst();
        f.model.showFirst(); // restarted meanwhile
        f.model.deliver(up, answer(up, f.rows));
        f.serve();
        QCOMPARE(f.id(0), 1);
        QCOMPARE(f.model.rowCount(), BrowseTableModel::PageSize);
    }

    void aFailedPageLeavesNoPlaceholder()
    {
        Fixture f(1000);
        f.model.showFirst();
        f.serve();
        f.model.fetchMore({});
        QSignalSpy failed(&f.model, &BrowseTableModel::loadFailed);
        f.model.deliverError(f.pending.takeFirst(), PgError(PgError::Kind::Query, QStringLiteral("boom")));
        QCOMPARE(f.model.rowCount(), BrowseTableModel::PageSize);
        QCOMPARE(failed.size(), 1);
        QVERIFY(f.model.canFetchMore({})); // and it can be asked again
    }

    void sortAndFiltersTravelWithTheRequest()
    {
        Fixture f(1000);
        f.model.sort(1, Qt::DescendingOrder);
        QCOMPARE(f.pending.last().query.sortColumn, 1);
        QVERIFY(f.pending.last().query.descending);
        f.model.setFilters({FilterCondition{1, FilterOperator::Contains, QStringLiteral("7")}});
        QCOMPARE(f.pending.last().query.filters.size(), 1);
        QCOMPARE(f.pending.last().query.sortColumn, 1);
        QVERIFY(f.pending.last().generation > f.pending.first().generation);
    }

    // Qt's model checker, which also calls fetchMore() on its own, through a whole short table,
    // a last page, scrolling up to the start, and a restart with replies in flight.
    void modelTesterAcceptsEveryChange()
    {
        Fixture f(1234);
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        f.model.showFirst();
        for (int i = 0; i < 20 && !f.pending.isEmpty(); ++i)
            f.serve();
        QVERIFY(f.model.atEnd());
        QVERIFY(f.contiguous());
        f.model.showLast();
        f.serve();
        for (int i = 0; i < 20 && !f.model.atStart(); ++i) {
            f.model.rowsShown(0, 10);
            f.serve();
        }
        QVERIFY(f.model.atStart());
        QVERIFY(f.contiguous());
        f.model.fetchMore({});
        f.model.rowsShown(0, 0);
        f.model.seek(QStringLiteral("700"));
        f.serve();
        QCOMPARE(f.id(0), 700);
    }

    void nullsAreFlaggedAndTsvQuotes()
    {
        Fixture f(2);
        f.model.showFirst();
        QCOMPARE(f.pending.size(), 1);
        const PgResult result = FakeRows::result(
            {QStringLiteral("id"), QStringLiteral("name")},
            {{QByteArray("1"), std::nullopt}, {QByteArray("2"), QByteArray("a\tb \"c\"")}});
        f.model.deliver(f.pending.takeFirst(), BrowsePage(result, 2, BrowsePage::Read::Forward));
        QVERIFY(f.model.data(f.model.index(0, 1), BrowseTableModel::IsNullRole).toBool());
        QCOMPARE(f.model.data(f.model.index(0, 1)).toString(), QStringLiteral("NULL"));
        QVERIFY(!f.model.data(f.model.index(1, 1), BrowseTableModel::IsNullRole).toBool());
        QCOMPARE(f.model.toTsv({0, 1}, {0, 1}, true), QStringLiteral("id\tname\n1\t\n2\t\"a\tb \"\"c\"\"\"\n"));
        QCOMPARE(f.model.data(f.model.index(0, 0), Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
    }

    void longCellsAreCutForDisplayOnly()
    {
        Fixture f(2);
        f.model.showFirst();
        QCOMPARE(f.pending.size(), 1);
        const QByteArray longText(100000, 'x');
        f.model.deliver(f.pending.takeFirst(),
                        BrowsePage(FakeRows::result({QStringLiteral("id"), QStringLiteral("name")},
                                                    {{QByteArray("1"), longText + "\nend"}}),
                                   2, BrowsePage::Read::Forward));
        const QString shown = f.model.data(f.model.index(0, 1)).toString();
        QCOMPARE(shown.size(), BrowseTableModel::DisplayChars + 1);
        QVERIFY(shown.endsWith(u'…'));
        QCOMPARE(f.model.data(f.model.index(0, 1), BrowseTableModel::RawTextRole).toString().size(),
                 longText.size() + 4);
    }
};

QTEST_GUILESS_MAIN(TestBrowseTableModel)
#include "TestBrowseTableModel.moc"
