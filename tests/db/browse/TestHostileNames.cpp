#include "ReadTable.h"
#include "ScratchTenant.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "base/TerminalText.h"
#include "browse/TenantReader.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "rows/KeysetPager.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

// A tenant's owner names tables and columns to attack the browse SQL: a newline that ends a
// comment followed by a UNION over another tenant's customers, the placeholders a template
// would fill ({relation}, {order}, {where}, {columns}), $1, %1, quotes and comment ends.
// Browsing them (tenantctl browse --json and the core API; plain, filtered, sorted, after a
// key) must show exactly the tenant's own rows under exactly those names, without an error,
// and never another tenant's data.
class TestHostileNames : public QObject {
    Q_OBJECT

    struct HostileTable {
        QString name;
        QStringList columns; // the first is the primary key
        QStringList types;
        QList<QStringList> rows; // in key order
        int filterColumn;
        int sortColumn;
    };

    PgConnection m_catalog;
    std::unique_ptr<ScratchTenant> m_victim;
    std::unique_ptr<ScratchTenant> m_attacker;
    QString m_secret;
    QList<HostileTable> m_tables;

    TenantAccess access()
    {
        return TenantAccess{TenantLocator::locate(m_catalog, m_attacker->slug()),
                            TenantAccess::supportParamsFrom(TestFleet::catalogParams(), FleetRoles::standard().support),
                            {}};
    }

    // The rows a query should return, computed here from the table's own rows: without the
    // filtered-out value, sorted descending, after the first row of that order.
    static QList<QStringList> expectedRows(const HostileTable& t, const QString& filteredOut, bool sorted,
                                           bool afterFirst)
    {
        QList<QStringList> rows = t.rows;
        if (!filteredOut.isNull())
            rows.removeIf([&](const QStringList& r) { return r[t.filterColumn] == filteredOut; });
        if (sorted)
            std::sort(rows.begin(), rows.end(),
                      [&](const QStringList& a, const QStringList& b) { return a[t.sortColumn] > b[t.sortColumn]; });
        if (afterFirst)
            rows.removeFirst();
        return rows;
    }

    // The key of the first row of that order, as a user would type it after a page.
    static QString firstKey(const HostileTable& t, const QString& filteredOut, bool sorted)
    {
        const QStringList first = expectedRows(t, filteredOut, sorted, false).first();
        return sorted ? KeysetPager::keyText({first[t.sortColumn].toUtf8(), first[0].toUtf8()}) : first[0];
    }

    static QString jsonText(const QJsonValue& v) { return v.isString() ? v.toString() : v.toVariant().toString(); }

    // tenantctl browse <attacker> <table> --json [...]: the rows it prints, under the exact names.
    void browseCli(const HostileTable& t, const QStringList& options, QList<QStringList>& rows)
    {
        const TenantctlProcess p = TenantctlProcess::run(
            QStringList{QStringLiteral("browse"), m_attacker->slug(), t.name, QStringLiteral("--json")} + options);
        QVERIFY2(!QString::fromUtf8(p.out + p.err).contains(m_secret),
                 qPrintable(QStringLiteral("another tenant's customer email in tenantctl's output:\n")
                            + QString::fromUtf8(p.out + p.err)));
        QVERIFY2(p.exitCode == 0, p.err.constData());
        // The footer says what the rows are ordered by: the sort column first, when one is given.
        const qsizetype sort = options.indexOf(QStringLiteral("--sort"));
        if (sort >= 0)
            QVERIFY2(p.errText().contains(QStringLiteral("ordered by ") + TerminalText::escaped(options[sort + 1])
                                          + QStringLiteral(" descending, then by ")),
                     p.err.constData());
        QJsonParseError error{};
        const QJsonArray array = QJsonDocument::fromJson(p.out, &error).array();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + p.out));
        for (const QJsonValue& value : array) {
            const QJsonObject object = value.toObject();
            QCOMPARE(object.size(), t.columns.size());
            QStringList row;
            for (const QString& column : t.columns) {
                QVERIFY2(object.contains(column), qPrintable(QStringLiteral("no column named ") + column));
                row << jsonText(object.value(column));
            }
            rows << row;
        }
    }

    // The same through the core API that the grid uses; its counts too.
    void browseApi(const HostileTable& t, const QString& filteredOut, bool sorted, bool afterFirst,
                   QList<QStringList>& rows)
    {
        TenantBrowser b(access());
        const BrowseTable table = b.table(t.name);
        QCOMPARE(table.name, t.name);
        QStringList names;
        for (const BrowseColumn& column : table.columns)
            names << column.name;
        QCOMPARE(names, t.columns);
        BrowseQuery query;
        if (!filteredOut.isNull())
            query.filters << FilterCondition{t.filterColumn, FilterOperator::NotEqual, filteredOut};
        if (sorted) {
            query.sortColumn = t.sortColumn;
            query.descending = true;
        }
        const KeysetPager pager(table, query);
        PageRequest request;
        if (afterFirst) {
            request.from = PageRequest::From::After;
            request.anchor = pager.parseKey(firstKey(t, filteredOut, sorted));
        }
        const BrowsePage page = b.reader.read(b.c, [&] { return pager.fetch(b.c, request); });
        for (int row = 0; row < page.rowCount(); ++row) {
            QStringList values;
            for (int column = 0; column < page.columnCount(); ++column)
                values << page.text(row, column);
            rows << values;
        }
        QCOMPARE(b.reader.read(b.c, [&] { return pager.exactCount(b.c); }),
                 qint64(expectedRows(t, filteredOut, false, false).size()));
        QVERIFY(b.reader.read(b.c, [&] { return pager.estimateCount(b.c); }) >= 0);
    }

    void createTable(PgConnection& q, const HostileTable& t)
    {
        QStringList columns;
        for (int i = 0; i < t.columns.size(); ++i)
            columns << q.quoteIdentifier(t.columns[i]) + u' ' + t.types[i]
                           + (i == 0 ? QStringLiteral(" PRIMARY KEY") : QString());
        QStringList values;
        for (const QStringList& row : t.rows) {
            QStringList literals;
            for (const QString& v : row)
                literals << u'\'' + v + u'\''; // the test's own plain values
            values << u'(' + literals.join(u',') + u')';
        }
        const QString table = q.quoteIdentifier(t.name);
        m_attacker->run(QStringLiteral("CREATE TABLE ") + table + u'(' + columns.join(u',') + QStringLiteral(");")
                        + QStringLiteral("INSERT INTO ") + table + QStringLiteral(" VALUES ") + values.join(u',')
                        + QStringLiteral("; ANALYZE ") + table);
    }

private slots:
    void initTestCase()
    {
        m_catalog.open(TestFleet::catalogParams().withSafeDefaults());
        // A short schema name, so that the attacking column name fits in 63 bytes.
        m_victim = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("v"));
        m_attacker = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("hostile"));
        m_secret = QStringLiteral("secret-%1@victim.example")
                       .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        m_victim->run(QStringLiteral("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);"
                                     "INSERT INTO customers VALUES (1, '%1')")
                          .arg(m_secret));
        const QString union_ = QStringLiteral("\nSELECT email k,email FROM %1.customers UNION\n--")
                                   .arg(m_victim->schema());
        QVERIFY(union_.toUtf8().size() <= 63);
        m_tables = {
            // A column whose name leaves a comment line and reads another tenant's customers.
            {QStringLiteral("leak"),
             {QStringLiteral("k"), union_},
             {QStringLiteral("text"), QStringLiteral("text")},
             {{QStringLiteral("a"), QStringLiteral("x3")},
              {QStringLiteral("b"), QStringLiteral("x1")},
              {QStringLiteral("c"), QStringLiteral("x2")}},
             1,
             1},
            // Placeholders, parameters, format markers, quotes and comment markers as names.
            {QStringLiteral("$1"),
             {QStringLiteral("{relation}"), QStringLiteral("{order}"), QStringLiteral("{where}"), QStringLiteral("%1"),
              QStringLiteral("%2 \"q\" */ -- $2")},
             {QStringLiteral("int"), QStringLiteral("text"), QStringLiteral("text"), QStringLiteral("text"),
              QStringLiteral("text")},
             {{QStringLiteral("1"), QStringLiteral("o3"), QStringLiteral("w1"), QStringLiteral("p1"),
               QStringLiteral("q1")},
              {QStringLiteral("2"), QStringLiteral("o1"), QStringLiteral("w2"), QStringLiteral("p2"),
               QStringLiteral("q2")},
              {QStringLiteral("3"), QStringLiteral("o2"), QStringLiteral("w3"), QStringLiteral("p3"),
               QStringLiteral("q3")}},
             2,
             1},
            {QStringLiteral("t\n--{where} %1 \"*/ {order}"),
             {QStringLiteral("$1"), QStringLiteral("{columns}\n--"), QStringLiteral("/* %2")},
             {QStringLiteral("int"), QStringLiteral("text"), QStringLiteral("text")},
             {{QStringLiteral("1"), QStringLiteral("b"), QStringLiteral("z")},
              {QStringLiteral("2"), QStringLiteral("a"), QStringLiteral("y")},
              {QStringLiteral("3"), QStringLiteral("c"), QStringLiteral("x")}},
             2,
             1},
        };
        PgConnection q;
        q.open(TestFleet::shardParams(1).withSafeDefaults());
        for (const HostileTable& t : m_tables)
            createTable(q, t);
        ScratchTenant::waitForReplica();
    }

    void cleanupTestCase()
    {
        m_attacker.reset();
        m_victim.reset();
    }

    void browse_data()
    {
        QTest::addColumn<int>("table");
        QTest::addColumn<bool>("filtered");
        QTest::addColumn<bool>("sorted");
        QTest::addColumn<bool>("after");
        for (int t = 0; t < 3; ++t) {
            QTest::addRow("table %d plain", t) << t << false << false << false;
            QTest::addRow("table %d filtered", t) << t << true << false << false;
            QTest::addRow("table %d sorted", t) << t << false << true << false;
            QTest::addRow("table %d after a key", t) << t << false << false << true;
            QTest::addRow("table %d all three", t) << t << true << true << true;
        }
    }

    void browse()
    {
        QFETCH(int, table);
        QFETCH(bool, filtered);
        QFETCH(bool, sorted);
        QFETCH(bool, after);
        const HostileTable& t = m_tables[table];
        const QString filteredOut = filtered ? t.rows[1][t.filterColumn] : QString();
        QStringList options;
        if (filtered)
            options << QStringLiteral("--where") << t.columns[t.filterColumn] << QStringLiteral("<>") << filteredOut;
        if (sorted)
            options << QStringLiteral("--sort") << t.columns[t.sortColumn] << QStringLiteral("--desc");
        if (after)
            options << QStringLiteral("--after") << firstKey(t, filteredOut, sorted);
        const QList<QStringList> expected = expectedRows(t, filteredOut, sorted, after);
        QVERIFY(!expected.isEmpty());

        QList<QStringList> cli;
        browseCli(t, options, cli);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(cli, expected);
        QList<QStringList> api;
        try {
            browseApi(t, filteredOut, sorted, after, api);
        } catch (const PgError& e) {
            QFAIL(qPrintable(e.text()));
        }
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(api, expected);
    }
};

QTEST_GUILESS_MAIN(TestHostileNames)
#include "TestHostileNames.moc"
