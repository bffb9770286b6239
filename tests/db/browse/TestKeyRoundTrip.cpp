#include "ReadTable.h"
#include "ScratchTenant.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "browse/TableExporter.h"
#include "browse/TenantReader.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "rows/KeysetPager.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

// Every key and filter value survives the trip to the server whatever the column's type and
// modifier: char(n), bit(n), varbit, numeric(p,s), timestamptz, text, uuid, varchar(n) and a
// composite key page through every row once, in order; a row is found by its own key typed as
// text; "after a key" continues with the next row. And paging proves progress: a key that does
// not advance (here: a database whose float output loses digits) stops with an error, in the
// grid's pager and in an export, instead of reading the same rows forever.
class TestKeyRoundTrip : public QObject {
    Q_OBJECT

    static constexpr int CharRows = 6000; // more than one export batch (TableExporter::BatchRows)

    PgConnection m_catalog;
    std::unique_ptr<ScratchTenant> m_tenant;

    struct KeyTable {
        QString name;
        QString ddl; // CREATE TABLE and INSERT, run as the tenant's owner
        int keyColumns;
    };
    const QList<KeyTable> m_tables{
        {QStringLiteral("k_char"),
         QStringLiteral("CREATE TABLE k_char (code char(6) PRIMARY KEY, n int NOT NULL);"
                        "INSERT INTO k_char SELECT 'A' || lpad(g::text, 4, '0'), g FROM generate_series(1, %1) g")
             .arg(CharRows),
         1},
        {QStringLiteral("k_bit"),
         QStringLiteral("CREATE TABLE k_bit (b bit(4) PRIMARY KEY, n int);"
                        "INSERT INTO k_bit SELECT g::bit(4), g FROM generate_series(0, 15) g"),
         1},
        {QStringLiteral("k_varbit"),
         QStringLiteral("CREATE TABLE k_varbit (v varbit PRIMARY KEY, n int);"
                        "INSERT INTO k_varbit VALUES ('0', 1), ('1', 2), ('00', 3), ('01', 4), ('10', 5), ('110', 6), "
                        "('1010', 7), ('10101010101', 8)"),
         1},
        {QStringLiteral("k_numeric"),
         QStringLiteral("CREATE TABLE k_numeric (x numeric(10,2) PRIMARY KEY, n int);"
                        "INSERT INTO k_numeric SELECT g / 4.0, g FROM generate_series(-20, 20) g"),
         1},
        {QStringLiteral("k_timestamptz"),
         QStringLiteral("CREATE TABLE k_timestamptz (t timestamptz PRIMARY KEY, n int);"
                        "INSERT INTO k_timestamptz SELECT timestamptz '2026-03-29 00:00:00+00' + g * interval '1 hour "
                        "0.000001 s', g "
                        "FROM generate_series(1, 30) g"),
         1},
        {QStringLiteral("k_text"),
         QStringLiteral(
             "CREATE TABLE k_text (s text PRIMARY KEY, n int);"
             "INSERT INTO k_text VALUES ('a', 1), ('a b', 2), ('ä', 3), ('Z', 4), ('\"q\"', 5), ('x''y', 6), "
             "('1', 7), ('10', 8), ('9', 9)"),
         1},
        {QStringLiteral("k_uuid"),
         QStringLiteral("CREATE TABLE k_uuid (u uuid PRIMARY KEY, n int);"
                        "INSERT INTO k_uuid SELECT md5(g::text)::uuid, g FROM generate_series(1, 25) g"),
         1},
        {QStringLiteral("k_varchar"),
         QStringLiteral("CREATE TABLE k_varchar (v varchar(10) PRIMARY KEY, n int);"
                        "INSERT INTO k_varchar SELECT 'v' || g, g FROM generate_series(1, 25) g"),
         1},
        {QStringLiteral("k_composite"),
         QStringLiteral("CREATE TABLE k_composite (code char(6), flags bit(4), amount numeric(10,2), n int, "
                        "PRIMARY KEY (code, flags, amount));"
                        "INSERT INTO k_composite SELECT 'C' || (g % 3), (g % 5)::bit(4), g / 8.0, g FROM "
                        "generate_series(1, 40) g"),
         3},
    };

    TenantAccess access(const ScratchTenant& t)
    {
        return TenantAccess{TenantLocator::locate(m_catalog, t.slug()),
                            TenantAccess::supportParamsFrom(TestFleet::catalogParams(), FleetRoles::standard().support),
                            {}};
    }

    // The key columns' text of every row, in key order, read directly by the owner.
    QList<QStringList> ownerKeys(const ScratchTenant& t, const QString& table, int keyColumns)
    {
        PgConnection q;
        q.open(TestFleet::shardParams(1).withSafeDefaults());
        QStringList columns;
        for (int i = 1; i <= keyColumns; ++i)
            columns << QString::number(i);
        const PgResult r = q.exec(
            QStringLiteral("SELECT * FROM %1.%2 ORDER BY %3")
                .arg(q.quoteIdentifier(t.schema()), q.quoteIdentifier(table), columns.join(u',')));
        QList<QStringList> keys;
        for (int row = 0; row < r.rows(); ++row) {
            QStringList key;
            for (int column = 0; column < keyColumns; ++column)
                key << r.text(row, column);
            keys << key;
        }
        return keys;
    }

    // Runs a test body; a PgError from the code under test fails the test with its message.
    template <typename Fn>
    static void failOnError(Fn&& body)
    {
        try {
            body();
        } catch (const PgError& e) {
            QFAIL(qPrintable(e.text()));
        }
    }

    static QStringList keyOfRow(const BrowsePage& page, int row, int keyColumns)
    {
        QStringList key;
        for (int column = 0; column < keyColumns; ++column)
            key << page.text(row, column);
        return key;
    }

    static RowKey rowKey(const QStringList& key)
    {
        RowKey k;
        for (const QString& v : key)
            k << v.toUtf8();
        return k;
    }

    // Every row through the pager, pageRows at a time, with a bound on the number of pages.
    static QList<QStringList> pageThrough(TenantBrowser& b, const KeysetPager& pager, int pageRows, int keyColumns,
                                          int maxRows)
    {
        QList<QStringList> keys;
        PageRequest request;
        request.limit = pageRows;
        while (keys.size() <= maxRows) {
            const BrowsePage page = b.reader.read(b.c, [&] { return pager.fetch(b.c, request); });
            for (int row = 0; row < page.rowCount(); ++row)
                keys << keyOfRow(page, row, keyColumns);
            if (page.rowCount() < pageRows)
                break;
            request.from = PageRequest::From::After;
            request.anchor = page.lastKey();
        }
        return keys;
    }

    // Exports table to a CSV file; cancels it when it writes more than maxRows or takes over 60 s.
    static qint64 exportRows(const TenantAccess& a, const BrowseTable& table, const QString& path, qint64 maxRows)
    {
        std::atomic<qint64> rows = 0;
        std::atomic<bool> cancelled = false;
        std::atomic<bool> done = false;
        std::thread watchdog([&] {
            for (int i = 0; i < 600 && !done.load() && rows.load() <= maxRows; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            cancelled = true;
        });
        PgConnection c;
        try {
            TableExporter::run(c, a, table, {}, path, RowExportWriter::Format::Csv, OutputFile::Existing::Keep, rows,
                               cancelled);
        } catch (...) {
            done = true;
            watchdog.join();
            throw;
        }
        done = true;
        watchdog.join();
        return rows.load();
    }

private slots:
    void initTestCase()
    {
        m_catalog.open(TestFleet::catalogParams().withSafeDefaults());
        m_tenant = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("keys"));
        QStringList ddl;
        for (const KeyTable& t : m_tables)
            ddl << t.ddl;
        m_tenant->run(ddl.join(u';'));
        ScratchTenant::waitForReplica();
    }

    void cleanupTestCase() { m_tenant.reset(); }

    void everyKeyRoundTrips_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_tables.size(); ++i)
            QTest::newRow(qPrintable(m_tables[i].name)) << i;
    }

    void everyKeyRoundTrips()
    {
        failOnError([&] {
            QFETCH(int, index);
            const KeyTable& kt = m_tables[index];
            const TenantAccess a = access(*m_tenant);
            TenantBrowser b(a);
            const BrowseTable table = b.table(kt.name);
            QCOMPARE(table.keyColumns.size(), kt.keyColumns);
            const QList<QStringList> expected = ownerKeys(*m_tenant, kt.name, kt.keyColumns);
            QVERIFY(expected.size() > 5);

            const KeysetPager pager(table, {});
            QCOMPARE(pageThrough(b, pager, 7, kt.keyColumns, int(expected.size())), expected);

            // A row is found by its key as printed, and the row after it follows its key.
            const int step = qMax<int>(1, int(expected.size()) / 12);
            for (int i = 0; i + 1 < expected.size(); i += step) {
                BrowseQuery byKey;
                for (int column = 0; column < kt.keyColumns; ++column)
                    byKey.filters << FilterCondition{column, FilterOperator::Equal, expected[i][column]};
                const KeysetPager filtered(table, byKey);
                PageRequest first;
                first.limit = 5;
                const BrowsePage found = b.reader.read(b.c, [&] { return filtered.fetch(b.c, first); });
                QVERIFY2(found.rowCount() == 1,
                         qPrintable(expected[i].join(u',') + QStringLiteral(": %1 rows").arg(found.rowCount())));
                QCOMPARE(keyOfRow(found, 0, kt.keyColumns), expected[i]);
                QCOMPARE(b.reader.read(b.c, [&] { return filtered.exactCount(b.c); }), 1);

                PageRequest after;
                after.from = PageRequest::From::After;
                after.anchor = rowKey(expected[i]);
                after.limit = 1;
                const BrowsePage next = b.reader.read(b.c, [&] { return pager.fetch(b.c, after); });
                QCOMPARE(next.rowCount(), 1);
                QCOMPARE(keyOfRow(next, 0, kt.keyColumns), expected[i + 1]);
            }
        });
    }

    void charAndBitValuesAsTyped()
    {
        failOnError([&] {
            const TenantAccess a = access(*m_tenant);
            TenantBrowser b(a);
            auto count = [&](const QString& name, FilterOperator op, const QString& value) {
                const BrowseTable table = b.table(name);
                BrowseQuery q;
                q.filters << FilterCondition{0, op, value};
                const KeysetPager pager(table, q);
                return b.reader.read(b.c, [&] { return pager.exactCount(b.c); });
            };
            QCOMPARE(count(QStringLiteral("k_char"), FilterOperator::Equal, QStringLiteral("A0003")), 1);
            QCOMPARE(count(QStringLiteral("k_char"), FilterOperator::Less, QStringLiteral("A0003")), 2);
            // A longer value is compared whole, never cut to the column's length.
            QCOMPARE(count(QStringLiteral("k_char"), FilterOperator::Equal, QStringLiteral("A00031")), 0);
            QCOMPARE(count(QStringLiteral("k_char"), FilterOperator::Equal, QStringLiteral("A000310")), 0);
            QCOMPARE(count(QStringLiteral("k_bit"), FilterOperator::Equal, QStringLiteral("0011")), 1);
            QCOMPARE(count(QStringLiteral("k_bit"), FilterOperator::GreaterOrEqual, QStringLiteral("1100")), 4);
            QCOMPARE(count(QStringLiteral("k_varbit"), FilterOperator::Equal, QStringLiteral("10101010101")), 1);
            QCOMPARE(count(QStringLiteral("k_varchar"), FilterOperator::Equal, QStringLiteral("v10")), 1);
            QCOMPARE(count(QStringLiteral("k_varchar"), FilterOperator::Equal, QStringLiteral("v10xxxxxxxxxx")), 0);
            QCOMPARE(count(QStringLiteral("k_numeric"), FilterOperator::Equal, QStringLiteral("1.254")), 0);
            QCOMPARE(count(QStringLiteral("k_numeric"), FilterOperator::Equal, QStringLiteral("1.25")), 1);

            // varchar stays orderable: sorted by it, descending.
            const BrowseTable varchars = b.table(QStringLiteral("k_varchar"));
            BrowseQuery sorted;
            sorted.sortColumn = 0;
            sorted.descending = true;
            PageRequest first;
            first.limit = 1;
            QCOMPARE(b.reader.read(b.c, [&] { return KeysetPager(varchars, sorted).fetch(b.c, first); }).text(0, 0),
                     QStringLiteral("v9"));
        });
    }

    void theCliFindsAndContinuesByCharKeys()
    {
        const TenantctlProcess found = TenantctlProcess::run(
            {QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("k_char"), QStringLiteral("--where"),
             QStringLiteral("code"), QStringLiteral("="), QStringLiteral("A0003"), QStringLiteral("--json")});
        QVERIFY2(found.exitCode == 0, found.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(found.out).array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].toObject().value(QLatin1String("code")).toString(), QStringLiteral("A0003 "));

        const TenantctlProcess next = TenantctlProcess::run(
            {QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("k_char"), QStringLiteral("--after"),
             QStringLiteral("A0002"), QStringLiteral("--limit"), QStringLiteral("2"), QStringLiteral("--json")});
        QVERIFY2(next.exitCode == 0, next.err.constData());
        const QJsonArray after = QJsonDocument::fromJson(next.out).array();
        QCOMPARE(after.size(), 2);
        QCOMPARE(after[0].toObject().value(QLatin1String("n")).toInt(), 3);
        QCOMPARE(after[1].toObject().value(QLatin1String("n")).toInt(), 4);
        QVERIFY2(next.err.contains("--after 'A0004 '"), next.err.constData());
    }

    void exportOfACharKeyedTableEnds()
    {
        failOnError([&] {
            const TenantAccess a = access(*m_tenant);
            TenantBrowser b(a);
            const BrowseTable table = b.table(QStringLiteral("k_char"));
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("k_char.csv"));
            QCOMPARE(exportRows(a, table, path, 2 * CharRows), qint64(CharRows));
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll().count('\n'), CharRows + 1);
        });
    }

    // A tenant that owns its database can make its server print floats with fewer digits than
    // they hold: keys that look equal. Paging must stop with an error, never loop.
    void aKeyThatDoesNotAdvanceStopsPaging()
    {
        failOnError([&] {
            ScratchTenant t(IsolationModel::Database, QStringLiteral("lossy"));
            t.run(QStringLiteral("CREATE TABLE f (x float8 PRIMARY KEY, n int);"
                                 "INSERT INTO f SELECT 1 + g / 1e9, g FROM generate_series(1, 12000) g"));
            {
                PgConnection admin;
                admin.open(TestFleet::shardParams(1).withSafeDefaults());
                admin.execScript(
                    QStringLiteral("ALTER DATABASE %1 SET extra_float_digits = -10")
                        .arg(admin.quoteIdentifier(QStringLiteral("tenant_") + QString(t.slug()).replace(u'-', u'_'))));
            }
            ScratchTenant::waitForReplica();
            const TenantAccess a = access(t);
            TenantBrowser b(a);
            const BrowseTable table = b.table(QStringLiteral("f"));
            const KeysetPager pager(table, {});
            PageRequest request;
            request.limit = 100;
            const BrowsePage first = b.reader.read(b.c, [&] { return pager.fetch(b.c, request); });
            QCOMPARE(first.rowCount(), 100);
            request.from = PageRequest::From::After;
            request.anchor = first.lastKey();
            try {
                b.reader.read(b.c, [&] { return pager.fetch(b.c, request); });
                QFAIL("a page after a key that does not advance must fail");
            } catch (const PgError& e) {
                QVERIFY2(e.message().contains(QLatin1String("did not advance")), qPrintable(e.message()));
            }

            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("f.csv"));
            try {
                const qint64 rows = exportRows(a, table, path, 3 * 12000);
                QFAIL(qPrintable(QStringLiteral("the export reported success with %1 rows").arg(rows)));
            } catch (const PgError& e) {
                QVERIFY2(e.message().contains(QLatin1String("did not advance")), qPrintable(e.message()));
            }
            QVERIFY(!QFile::exists(path));
        });
    }
};

QTEST_GUILESS_MAIN(TestKeyRoundTrip)
#include "TestKeyRoundTrip.moc"
