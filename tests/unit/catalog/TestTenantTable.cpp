#include "catalog/TenantTable.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <functional>
#include <numeric>

class TestTenantTable : public QObject {
    Q_OBJECT

private:
    // Three shards and a handful of tenants in slug order, as CatalogClient::loadTenants() builds them.
    static TenantTable sample()
    {
        TenantTable t;
        t.addShard(1, QStringLiteral("shard-1"));
        t.addShard(2, QStringLiteral("shard-2"));
        t.addShard(7, QStringLiteral("eu-west"));
        t.append(10, "acme", "Acme Corp", IsolationModel::Schema, 1, TenantState::Active, 1700000000);
        t.append(11, "beta", "Beta Bakery", IsolationModel::Database, 2, TenantState::Suspended, 1600000000);
        t.append(12, "cafe-zurich", "Café Zürich", IsolationModel::Shared, 7, TenantState::Active, 1710000000);
        t.append(13, "delta", "delta logistics", IsolationModel::Schema, 2, TenantState::Provisioning, 1700000000);
        t.append(14, "echo", "ÉCHO Médias", IsolationModel::Database, 1, TenantState::Archived, 1500000000);
        t.append(15, "foxtrot", "Foxtrot Ltd", IsolationModel::Shared, 1, TenantState::Active, 1700000000);
        return t;
    }

    static QVector<int> allRows(const TenantTable& t)
    {
        QVector<int> rows(t.size());
        std::iota(rows.begin(), rows.end(), 0);
        return rows;
    }

    static QStringList slugs(const TenantTable& t, const QVector<int>& rows)
    {
        QStringList list;
        for (int row : rows)
            list << t.slug(row);
        return list;
    }

    static QVector<int> fromMatches(const std::vector<bool>& hit)
    {
        QVector<int> rows;
        for (size_t i = 0; i < hit.size(); ++i) {
            if (hit[i])
                rows.append(int(i));
        }
        return rows;
    }

private slots:
    void appendKeepsEveryField()
    {
        const TenantTable t = sample();
        QCOMPARE(t.size(), 6);
        QCOMPARE(t.id(2), 12);
        QCOMPARE(t.slug(2), QStringLiteral("cafe-zurich"));
        QCOMPARE(t.name(2), QStringLiteral("Café Zürich"));
        QVERIFY(t.model(2) == IsolationModel::Shared);
        QVERIFY(t.state(2) == TenantState::Active);
        QCOMPARE(t.shardId(2), 7);
        QCOMPARE(t.shardName(2), QStringLiteral("eu-west"));
        QCOMPARE(t.createdSecs(2), 1710000000);
    }

    void textOfEachColumn()
    {
        const TenantTable t = sample();
        QCOMPARE(t.text(1, TenantTable::Slug), QStringLiteral("beta"));
        QCOMPARE(t.text(1, TenantTable::Name), QStringLiteral("Beta Bakery"));
        QCOMPARE(t.text(1, TenantTable::Model), QStringLiteral("database"));
        QCOMPARE(t.text(1, TenantTable::Shard), QStringLiteral("shard-2"));
        QCOMPARE(t.text(1, TenantTable::State), QStringLiteral("suspended"));
        // 1600000000 is 2020-09-13 12:26:40 UTC.
        QCOMPARE(t.text(1, TenantTable::Created), QStringLiteral("2020-09-13 12:26"));
        QCOMPARE(
            t.text(0, TenantTable::Created),
            QDateTime::fromSecsSinceEpoch(1700000000, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    }

    void unknownShardGetsAPlaceholderName()
    {
        TenantTable t;
        t.append(1, "a", "A", IsolationModel::Schema, 42, TenantState::Active, 0);
        QCOMPARE(t.shardId(0), 42);
        QVERIFY(t.shardName(0).contains(QLatin1String("42")));
    }

    void filter_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<QStringList>("expected");
        auto row = [](const char* name, const QString& needle, const QStringList& expected) {
            QTest::newRow(name) << needle << expected;
        };
        row("slug", QStringLiteral("delt"), {QStringLiteral("delta")});
        row("name, other case", QStringLiteral("BAKERY"), {QStringLiteral("beta")});
        row("lower-case name, upper needle", QStringLiteral("LOGISTICS"), {QStringLiteral("delta")});
        row("non-ASCII name", QStringLiteral("zürich"), {QStringLiteral("cafe-zurich")});
        row("non-ASCII, other case", QStringLiteral("ZÜRICH"), {QStringLiteral("cafe-zurich")});
        row("accented capital", QStringLiteral("écho m"), {QStringLiteral("echo")});
        row("model", QStringLiteral("datab"), {QStringLiteral("beta"), QStringLiteral("echo")});
        row("model, shared", QStringLiteral("Shared"), {QStringLiteral("cafe-zurich"), QStringLiteral("foxtrot")});
        row("state", QStringLiteral("suspend"), {QStringLiteral("beta")});
        row("state, provisioning", QStringLiteral("PROVISION"), {QStringLiteral("delta")});
        row("shard", QStringLiteral("eu-we"), {QStringLiteral("cafe-zurich")});
        row("shard by number", QStringLiteral("shard-2"), {QStringLiteral("beta"), QStringLiteral("delta")});
        row("created year", QStringLiteral("2020-09"), {QStringLiteral("beta")});
        row("nothing", QStringLiteral("zzz"), {});
        row("empty keeps all", QString(), slugs(sample(), allRows(sample())));
        row("separator characters ignored", QStringLiteral("ac\nme"), {QStringLiteral("acme")});
    }

    void filter()
    {
        QFETCH(QString, needle);
        QFETCH(QStringList, expected);
        const TenantTable t = sample();
        QCOMPARE(slugs(t, t.filter(needle, allRows(t))), expected);
        QCOMPARE(slugs(t, fromMatches(t.matches(needle))), expected);
    }

    void filterNarrowsCandidates()
    {
        const TenantTable t = sample();
        const QVector<int> wide = t.filter(QStringLiteral("a"), allRows(t));
        QVERIFY(wide.size() > 2);
        QCOMPARE(t.filter(QStringLiteral("ac"), wide), t.filter(QStringLiteral("ac"), allRows(t)));
        // Candidates keep their order, whatever it is.
        QVector<int> reversed = allRows(t);
        std::reverse(reversed.begin(), reversed.end());
        QCOMPARE(t.filter(QStringLiteral("shard-1"), reversed), (QVector<int>{5, 4, 0}));
    }

    void matchesEqualsFilterOnALargeTable()
    {
        TenantTable t;
        t.addShard(1, QStringLiteral("alpha"));
        t.addShard(2, QStringLiteral("beta"));
        for (int i = 0; i < 5000; ++i) {
            const QByteArray slug = "t" + QByteArray::number(i);
            const QByteArray name =
                (i % 7 == 0 ? QStringLiteral("Ölwerk %1").arg(i) : QStringLiteral("Name %1").arg(i * 13)).toUtf8();
            t.append(i, slug, name, IsolationModel(i % 3), 1 + i % 2, TenantState(i % 6), 1500000000 + i * 3600);
        }
        for (const QString& needle : {QStringLiteral("1"), QStringLiteral("öl"), QStringLiteral("name 13"),
                                      QStringLiteral("t49"), QStringLiteral("2017-"), QStringLiteral("alph"),
                                      QStringLiteral("failed"), QStringLiteral("shared"), QStringLiteral("nope")}) {
            QCOMPARE(fromMatches(t.matches(needle)), t.filter(needle, allRows(t)));
        }
    }

    void sort_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        for (int column = 0; column < TenantTable::ColumnCount; ++column) {
            const QByteArray title = TenantTable::columnTitle(TenantTable::Column(column)).toLatin1();
            QTest::newRow(QByteArray(title + " ascending").constData()) << column << int(Qt::AscendingOrder);
            QTest::newRow(QByteArray(title + " descending").constData()) << column << int(Qt::DescendingOrder);
        }
    }

    void sort()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        const TenantTable t = sample();
        // The order each column is meant to have: text columns ignore case, enums go by lifecycle.
        const std::function<QVariant(int)> key = [&](int row) -> QVariant {
            switch (TenantTable::Column(column)) {
            case TenantTable::Slug:
                return t.slug(row);
            case TenantTable::Name:
                return t.name(row).toLower();
            case TenantTable::Model:
                return int(t.model(row));
            case TenantTable::Shard:
                return t.shardName(row);
            case TenantTable::State:
                return int(t.state(row));
            default:
                return t.createdSecs(row);
            }
        };
        QVector<int> rows = allRows(t);
        t.sort(rows, TenantTable::Column(column), Qt::SortOrder(order));
        QCOMPARE(rows.size(), t.size());
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QVariant a = key(rows[i - 1]);
            const QVariant b = key(rows[i]);
            const auto c = QVariant::compare(a, b);
            QVERIFY2(order == Qt::AscendingOrder ? c <= 0 : c >= 0,
                     qPrintable(t.slug(rows[i - 1]) + u'/' + t.slug(rows[i])));
            if (c == 0) // ties keep slug (table) order in both directions
                QVERIFY(rows[i - 1] < rows[i]);
        }
    }

    void memoryPerTenantIsSmall()
    {
        TenantTable t;
        for (int s = 1; s <= 16; ++s)
            t.addShard(s, QStringLiteral("shard-%1").arg(s));
        const int rows = 100000;
        // Reserved as loadTenants() does: exact text bytes known from the result.
        t.reserve(rows, qsizetype(rows) * 45);
        for (int i = 0; i < rows; ++i) {
            const QByteArray slug = "tenant-" + QByteArray::number(i).rightJustified(6, '0');
            const QByteArray name = "Northwind Trading Company " + QByteArray::number(i);
            t.append(i, slug, name, IsolationModel(i % 3), 1 + i % 16, TenantState(i % 6), 1600000000 + i);
        }
        const double perTenant = double(t.memoryBytes()) / t.size();
        qInfo("%.0f bytes per tenant", perTenant);
        QVERIFY2(perTenant < 300, qPrintable(QString::number(perTenant)));
    }

    void appendRowsCombinesPages()
    {
        const TenantTable whole = sample();
        TenantTable first;
        TenantTable rest;
        for (TenantTable* page : {&first, &rest}) {
            for (const TenantTable::ShardEntry& s : whole.shards())
                page->addShard(s.id, s.name);
        }
        for (int row = 0; row < whole.size(); ++row) {
            TenantTable& page = row < 2 ? first : rest;
            page.append(whole.id(row), whole.slug(row).toUtf8(), whole.name(row).toUtf8(), whole.model(row),
                        whole.shardId(row), whole.state(row), whole.createdSecs(row));
        }
        first.appendRows(rest);
        QCOMPARE(first.size(), whole.size());
        for (int row = 0; row < whole.size(); ++row) {
            for (int column = 0; column < TenantTable::ColumnCount; ++column)
                QCOMPARE(first.text(row, TenantTable::Column(column)), whole.text(row, TenantTable::Column(column)));
        }
        QCOMPARE(first.filter(QStringLiteral("zür"), allRows(first)),
                 whole.filter(QStringLiteral("zür"), allRows(whole)));
    }
};

QTEST_GUILESS_MAIN(TestTenantTable)
#include "TestTenantTable.moc"
