#include "ExpectInputError.h"
#include "ReadTable.h"
#include "ScratchTenant.h"
#include "TestFleet.h"
#include "browse/BrowseTableLoader.h"
#include "browse/TableExporter.h"
#include "browse/TenantOpenAudit.h"
#include "browse/TenantReader.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "rows/KeysetPager.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <memory>

// Go to tenant, then page through its tables by keyset in every isolation model, through the
// very code tenantctl browse and the grid use: TenantLocator -> TenantReader (support role,
// read-only, replica-routed, scoped) -> BrowseTableLoader -> KeysetPager. Tables and columns
// with quotes, spaces, dots and non-ASCII names live in scratch tenants made for the test.
class TestTenantBrowse : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    // Odd names, every one a valid identifier only when quoted.
    const QString m_table = QStringLiteral("Odd \"table\".with dots ü");
    const QString m_id = QStringLiteral("i\"d");
    const QString m_text = QStringLiteral("col with space");
    const QString m_num = QStringLiteral("dot.ted");
    const QString m_opt = QStringLiteral("naïve \"opt\"");
    static constexpr int Rows = 1000;

    TenantAccess access(const QString& tenant)
    {
        return TenantAccess{TenantLocator::locate(m_catalog, tenant),
                            TenantAccess::supportParamsFrom(TestFleet::catalogParams(), FleetRoles::standard().support),
                            {}};
    }

    // A scratch schema tenant holding the odd table: Rows rows; every seventh "naïve" NULL, text
    // values that repeat.
    std::unique_ptr<ScratchTenant> oddTenant(const QString& purpose)
    {
        auto t = std::make_unique<ScratchTenant>(IsolationModel::Schema, purpose);
        PgConnection q;
        q.open(TestFleet::shardParams(1).withSafeDefaults());
        const QString sql =
            QStringLiteral(
                "CREATE TABLE %1 (%2 bigint PRIMARY KEY, %3 text NOT NULL, %4 numeric(10,2), %5 text);"
                "INSERT INTO %1 SELECT g, 'name ' || (g % 97) || CASE WHEN g % 10 = 0 THEN ' 50%_off' ELSE '' END, "
                "g / 3.0, CASE WHEN g % 7 = 0 THEN NULL ELSE chr(945 + g % 20) || g END FROM generate_series(1, %6) g;"
                "ANALYZE %1")
                .arg(q.quoteIdentifier(m_table), q.quoteIdentifier(m_id), q.quoteIdentifier(m_text),
                     q.quoteIdentifier(m_num), q.quoteIdentifier(m_opt))
                .arg(Rows);
        t->run(sql);
        ScratchTenant::waitForReplica();
        return t;
    }

    // Every row by pages of pageRows, forwards from the start or backwards from the end.
    static QList<RowKey> pageThrough(TenantBrowser& b, const KeysetPager& pager, bool backwards, int pageRows,
                                     int column = 0)
    {
        QList<RowKey> rows;
        PageRequest request;
        request.limit = pageRows;
        request.from = backwards ? PageRequest::From::End : PageRequest::From::Start;
        for (;;) {
            const BrowsePage page = b.reader.read(b.c, [&] { return pager.fetch(b.c, request); });
            QList<RowKey> got;
            for (int row = 0; row < page.rowCount(); ++row)
                got << RowKey{page.isNull(row, column) ? QVariant() : QVariant(page.bytes(row, column).toByteArray())};
            if (backwards)
                rows = got + rows;
            else
                rows += got;
            if (page.rowCount() < pageRows)
                return rows;
            request.from = backwards ? PageRequest::From::Before : PageRequest::From::After;
            request.anchor = backwards ? page.firstKey() : page.lastKey();
        }
    }

    // The same column in the order the server gives for orderBy, read directly as the owner.
    QList<RowKey> expected(const ScratchTenant& t, const QString& select, const QString& where, const QString& orderBy)
    {
        PgConnection q;
        q.open(TestFleet::shardParams(1).withSafeDefaults());
        const PgResult r = q.exec(
            QStringLiteral("SELECT %1 AS v FROM %2.%3 WHERE %4 ORDER BY %5")
                .arg(select, q.quoteIdentifier(t.schema()), q.quoteIdentifier(m_table), where, orderBy));
        QList<RowKey> rows;
        for (int row = 0; row < r.rows(); ++row)
            rows << RowKey{r.isNull(row, 0) ? QVariant() : QVariant(r.bytes(row, 0).toByteArray())};
        return rows;
    }

private slots:
    void initTestCase() { m_catalog.open(TestFleet::catalogParams().withSafeDefaults()); }

    void goToTenantBySlugNameDomainOrUrl()
    {
        QCOMPARE(TenantLocator::locate(m_catalog, QStringLiteral("acme")).tenant.slug, QStringLiteral("acme"));
        const TenantTarget byName = TenantLocator::locate(m_catalog, QStringLiteral("  acme CORPORATION "));
        QCOMPARE(byName.tenant.slug, QStringLiteral("acme"));
        QCOMPARE(byName.matchedBy, QStringLiteral("name"));
        const TenantTarget byDomain = TenantLocator::locate(m_catalog, QStringLiteral("acme.example.com"));
        QCOMPARE(byDomain.tenant.slug, QStringLiteral("acme"));
        QCOMPARE(byDomain.matchedBy, QStringLiteral("domain"));
        QVERIFY(byDomain.tenant.model == IsolationModel::Schema);
        QVERIFY(byDomain.primary());
        QCOMPARE(TenantLocator::locate(m_catalog, QStringLiteral("https://portal.example.com/bobs-burgers/orders?x=1"))
                     .tenant.slug,
                 QStringLiteral("bobs-burgers"));
        const TenantTarget byPort = TenantLocator::locate(m_catalog, QStringLiteral("localhost:8014"));
        QCOMPARE(byPort.tenant.slug, QStringLiteral("black-mesa"));
        QCOMPARE(byPort.database(), byPort.tenant.databaseName);
        QCOMPARE(TenantLocator::locate(m_catalog, QStringLiteral("Bob's Burgers")).tenant.slug,
                 QStringLiteral("bobs-burgers"));

        expectInputError([&] { TenantLocator::locate(m_catalog, QStringLiteral("   ")); },
                         QStringLiteral("Type a tenant"));
        expectInputError([&] { TenantLocator::locate(m_catalog, QStringLiteral("acme\u0007")); },
                         QStringLiteral("control character"));
        expectInputError([&] { TenantLocator::locate(m_catalog, QStringLiteral("ac\u200Bme")); },
                         QStringLiteral("invisible"));
        expectInputError([&] { TenantLocator::locate(m_catalog, QString(3000, u'a')); }, QStringLiteral("longer than"));
        expectInputError([&] { TenantLocator::locate(m_catalog, QStringLiteral("no-such-tenant.example.com")); },
                         QStringLiteral("No tenant"));
        expectInputError(
            [&] { TenantLocator::locate(m_catalog, QStringLiteral("x'; DROP TABLE tenantdesk.tenants; --")); },
            QStringLiteral("No tenant"));
    }

    void oddNamesPageForwardsBackwardsAndSorted()
    {
        const auto t = oddTenant(QStringLiteral("odd"));
        TenantBrowser b(access(t->domain()));
        QVERIFY(!b.reader.route().endpoint.isPrimary()); // shard 1 has a replica that keeps up
        const BrowseTable table = b.table(m_table);
        QCOMPARE(table.name, m_table);
        QCOMPARE(table.columns.size(), 4);
        QCOMPARE(table.columns[1].name, m_text);
        QCOMPARE(table.columns[2].displayType, QStringLiteral("numeric(10,2)"));
        QCOMPARE(table.columns[2].typeName, QStringLiteral("numeric"));
        QVERIFY(table.keyKind == BrowseTable::KeyKind::Primary);
        QCOMPARE(table.keyColumns, QList<int>{0});

        const KeysetPager byKey(table, {});
        const QList<RowKey> all = expected(*t, QStringLiteral("%1::text").arg(b.c.quoteIdentifier(m_id)),
                                           QStringLiteral("true"), b.c.quoteIdentifier(m_id));
        QCOMPARE(all.size(), Rows);
        QCOMPARE(pageThrough(b, byKey, false, 64), all);
        QCOMPARE(pageThrough(b, byKey, true, 64), all);

        // Sorted by a nullable column, both ways: NULLs last ascending, first descending, and
        // the key breaks ties so that no row is lost or repeated between pages.
        for (bool descending : {false, true}) {
            BrowseQuery q;
            q.sortColumn = 3;
            q.descending = descending;
            const KeysetPager sorted(table, q);
            const QString order = QStringLiteral("%1 %3, %2 %3")
                                      .arg(b.c.quoteIdentifier(m_opt), b.c.quoteIdentifier(m_id),
                                           descending ? QStringLiteral("DESC") : QStringLiteral("ASC"));
            const QList<RowKey> ids = expected(*t, b.c.quoteIdentifier(m_id) + QStringLiteral("::text"),
                                               QStringLiteral("true"), order);
            QCOMPARE(pageThrough(b, sorted, false, 50), ids);
            QCOMPARE(pageThrough(b, sorted, true, 50), ids);
        }
        // Sorted by a text column with many equal values.
        BrowseQuery byText;
        byText.sortColumn = 1;
        const QList<RowKey> textOrder = expected(*t, b.c.quoteIdentifier(m_id) + QStringLiteral("::text"),
                                                 QStringLiteral("true"),
                                                 b.c.quoteIdentifier(m_text) + u',' + b.c.quoteIdentifier(m_id));
        QCOMPARE(pageThrough(b, KeysetPager(table, byText), false, 33), textOrder);

        // Jump to a key; then the rows after a key typed as text.
        PageRequest seek;
        seek.from = PageRequest::From::Seek;
        seek.seekValue = QStringLiteral("500");
        seek.limit = 3;
        const BrowsePage at = b.reader.read(b.c, [&] { return byKey.fetch(b.c, seek); });
        QCOMPARE(at.text(0, 0), QStringLiteral("500"));
        PageRequest after;
        after.from = PageRequest::From::After;
        after.anchor = byKey.parseKey(QStringLiteral("998"));
        const BrowsePage tail = b.reader.read(b.c, [&] { return byKey.fetch(b.c, after); });
        QCOMPARE(tail.rowCount(), 2);
        QCOMPARE(tail.text(1, 0), QStringLiteral("1000"));

        QCOMPARE(b.reader.read(b.c, [&] { return byKey.exactCount(b.c); }), qint64(Rows));
        const double estimate = b.reader.read(b.c, [&] { return byKey.estimateCount(b.c); });
        QVERIFY2(estimate > Rows / 2 && estimate < Rows * 2, qPrintable(QString::number(estimate)));
    }

    void filtersBindValuesCastToTheColumnType()
    {
        const auto t = oddTenant(QStringLiteral("filter"));
        TenantBrowser b(access(t->slug()));
        const BrowseTable table = b.table(m_table);
        auto count = [&](QList<FilterCondition> filters) {
            BrowseQuery q;
            q.filters = std::move(filters);
            const KeysetPager pager(table, q);
            return b.reader.read(b.c, [&] { return pager.exactCount(b.c); });
        };
        QCOMPARE(count({{0, FilterOperator::Equal, QStringLiteral("42")}}), 1);
        QCOMPARE(count({{0, FilterOperator::NotEqual, QStringLiteral("42")}}), Rows - 1);
        QCOMPARE(count({{0, FilterOperator::Less, QStringLiteral("10")}}), 9);
        QCOMPARE(count({{0, FilterOperator::LessOrEqual, QStringLiteral("10")}}), 10);
        QCOMPARE(count({{0, FilterOperator::Greater, QStringLiteral("990")}}), 10);
        QCOMPARE(count({{0, FilterOperator::GreaterOrEqual, QStringLiteral("990")}}), 11);
        // numeric(10,2) values are not rounded by the cast: 1.004 matches nothing stored.
        QCOMPARE(count({{2, FilterOperator::Equal, QStringLiteral("1.004")}}), 0);
        QCOMPARE(count({{2, FilterOperator::Equal, QStringLiteral("1.00")}}), 1);
        QCOMPARE(count({{3, FilterOperator::IsNull, {}}}), Rows / 7);
        QCOMPARE(count({{3, FilterOperator::IsNotNull, {}}}), Rows - Rows / 7);
        // contains: % and _ are literal characters, case is ignored.
        QCOMPARE(count({{1, FilterOperator::Contains, QStringLiteral("50%_OFF")}}), Rows / 10);
        QCOMPARE(count({{1, FilterOperator::Contains, QStringLiteral("%")}}), Rows / 10);
        QCOMPARE(count({{1, FilterOperator::Contains, QStringLiteral("5_")}}), 0);
        QCOMPARE(count({{
                            1,
                            FilterOperator::Contains,
                            QStringLiteral("name 1"),
                        },
                        {0, FilterOperator::Less, QStringLiteral("100")}}),
                 12);
        // A quote or a statement in a value is a value.
        QCOMPARE(count({{1, FilterOperator::Equal, QStringLiteral("x'); DELETE FROM y; --")}}), 0);
        try {
            count({{0, FilterOperator::Equal, QStringLiteral("abc")}});
            QFAIL("a value that is not a bigint must be refused");
        } catch (const PgError& e) {
            QCOMPARE(e.sqlState(), QStringLiteral("22P02"));
        }
    }

    void databaseTenantWithoutKeyAndAView()
    {
        ScratchTenant t(IsolationModel::Database, QStringLiteral("db"));
        t.run(QStringLiteral("CREATE TABLE \"no key\" (a int, b text); "
                             "INSERT INTO \"no key\" SELECT g % 5, 'b' || g FROM generate_series(1, 333) g; "
                             "CREATE VIEW \"a view\" AS SELECT a, count(*) AS n FROM \"no key\" GROUP BY a; "
                             "CREATE SCHEMA \"other.schema\"; CREATE TABLE \"other.schema\".t (id int PRIMARY KEY); "
                             "INSERT INTO \"other.schema\".t SELECT generate_series(1, 5); "
                             "GRANT USAGE ON SCHEMA \"other.schema\" TO tenantdesk_support; "
                             "GRANT SELECT ON \"other.schema\".t TO tenantdesk_support"));
        ScratchTenant::waitForReplica();
        const TenantAccess a = access(t.slug());
        TenantBrowser b(a);
        QCOMPARE(b.c.database(), a.target.database());
        const BrowseTable noKey = b.table(QStringLiteral("no key"));
        QVERIFY(noKey.keyKind == BrowseTable::KeyKind::RowLocation);
        const KeysetPager physical(noKey, {});
        const QList<RowKey> forwards = pageThrough(b, physical, false, 40, 1);
        QCOMPARE(forwards.size(), 333);
        QCOMPARE(pageThrough(b, physical, true, 40, 1), forwards);

        const BrowseTable view = b.table(QStringLiteral("a view"));
        QVERIFY(view.keyKind == BrowseTable::KeyKind::Position);
        const QList<RowKey> viewRows = pageThrough(b, KeysetPager(view, {}), false, 2);
        QCOMPARE(viewRows,
                 (QList<RowKey>{
                     {QByteArray("0")}, {QByteArray("1")}, {QByteArray("2")}, {QByteArray("3")}, {QByteArray("4")}}));
        QCOMPARE(pageThrough(b, KeysetPager(view, {}), true, 2), viewRows);

        // Another schema of the tenant's own database, named with a dot.
        const quint32 other = b.reader.read(
            b.c, [&] { return BrowseTableLoader::find(b.c, b.reader.scope(), QStringLiteral("other.schema.t")); });
        QVERIFY(other != 0);
        expectInputError(
            [&] {
                b.reader.read(b.c, [&] {
                    return BrowseTableLoader::find(b.c, b.reader.scope(), QStringLiteral("pg_catalog.pg_class"));
                });
            },
            QStringLiteral("does not belong"));
    }

    void sharedTenantSeesItsOwnRowsOnly()
    {
        const TenantAccess a = access(QStringLiteral("cyberdyne"));
        TenantBrowser b(a);
        const BrowseTable customers = b.table(QStringLiteral("customers"));
        QCOMPARE(customers.schema, QStringLiteral("shared"));
        QCOMPARE(customers.keyColumns.size(), 2);
        const QList<RowKey> tenantIds = pageThrough(b, KeysetPager(customers, {}), false, 100, 0);
        QVERIFY(!tenantIds.isEmpty());
        for (const RowKey& id : tenantIds)
            QCOMPARE(id.first().toByteArray(), a.target.tenant.tenantKey.toUtf8());
    }

    void replicaRoutingFollowsTheLagLimit()
    {
        TenantAccess a = access(QStringLiteral("acme"));
        PgConnection c;
        TenantReader onReplica(a);
        onReplica.connect(c);
        QVERIFY(!onReplica.route().endpoint.isPrimary());
        QVERIFY(onReplica.route().lagSeconds.has_value());
        QVERIFY(onReplica.route().text().contains(QStringLiteral("lag")));

        a.maxLagSeconds = -1; // no replica can be that close: the primary
        TenantReader onPrimary(a);
        onPrimary.connect(c);
        QVERIFY(onPrimary.route().endpoint.isPrimary());
        QVERIFY2(onPrimary.route().note.contains(QStringLiteral("behind")), qPrintable(onPrimary.route().note));

        // Shard 2 has no replica.
        TenantReader shard2(access(QStringLiteral("bluth")));
        shard2.connect(c);
        QVERIFY(shard2.route().endpoint.isPrimary());

        // A replica that cancels reads for recovery conflicts: two more tries there, then the primary.
        TenantReader conflicted(access(QStringLiteral("acme")));
        conflicted.connect(c);
        const QString replicaPort = c.port();
        QStringList ports;
        const QString where = conflicted.read(c, [&] {
            ports << c.port();
            if (ports.size() <= TenantReader::RecoveryConflictRetries + 1)
                throw PgError(PgError::Kind::Query, QStringLiteral("canceling statement due to conflict with recovery"),
                              QStringLiteral("40001"));
            return c.exec(QStringLiteral("SELECT pg_is_in_recovery()::text")).text(0, 0);
        });
        QCOMPARE(where, QStringLiteral("false"));
        QCOMPARE(ports.size(), TenantReader::RecoveryConflictRetries + 2);
        QCOMPARE(ports.first(), replicaPort);
        QVERIFY(ports.last() != replicaPort);
        QVERIFY(conflicted.route().endpoint.isPrimary());
        QVERIFY2(conflicted.route().note.contains(QStringLiteral("conflicts with recovery")),
                 qPrintable(conflicted.route().note));

        QVERIFY(TenantReader::isRecoveryConflict(
            PgError(PgError::Kind::Query, QStringLiteral("canceling statement due to conflict with recovery"),
                    QStringLiteral("40001"))));
        QVERIFY(!TenantReader::isRecoveryConflict(
            PgError(PgError::Kind::Query, QStringLiteral("could not serialize access due to concurrent update"),
                    QStringLiteral("40001"))));
    }

    void openingIsAudited()
    {
        const TenantAccess opened = access(QStringLiteral("acme.example.com"));
        const TenantTarget& target = opened.target;
        const qint64 id = TenantOpenAudit::record(m_catalog, opened, QStringLiteral("  TICKET-123 wrong prices "),
                                                  QStringLiteral("test"));
        const PgResult r = m_catalog.exec(
            QStringLiteral("SELECT actor, action, tenant_id, slug, reason, details->>'via', details->>'matched_by', "
                           "details->>'support_role' FROM tenantdesk.audit_log WHERE id = $1"),
            {id});
        QCOMPARE(r.text(0, 0), QStringLiteral("tenantdesk_admin"));
        QCOMPARE(r.text(0, 1), QStringLiteral("tenant.open"));
        QCOMPARE(r.toInt(0, 2), target.tenant.id);
        QCOMPARE(r.text(0, 3), QStringLiteral("acme"));
        QCOMPARE(r.text(0, 4), QStringLiteral("TICKET-123 wrong prices"));
        QCOMPARE(r.text(0, 5), QStringLiteral("test"));
        QCOMPARE(r.text(0, 6), QStringLiteral("domain"));
        QCOMPARE(r.text(0, 7), QStringLiteral("tenantdesk_support"));
        const qint64 none = TenantOpenAudit::record(m_catalog, opened, {}, QStringLiteral("test"));
        QVERIFY(m_catalog.exec(QStringLiteral("SELECT reason FROM tenantdesk.audit_log WHERE id = $1"), {none})
                    .isNull(0, 0));
        expectInputError(
            [&] { TenantOpenAudit::record(m_catalog, opened, QStringLiteral("bad\u0001"), QStringLiteral("test")); },
            QStringLiteral("control character"));
    }

    void exportStreamsTheFilteredRows()
    {
        const auto t = oddTenant(QStringLiteral("export"));
        const TenantAccess a = access(t->slug());
        TenantBrowser b(a);
        const BrowseTable table = b.table(m_table);
        BrowseQuery q;
        q.filters << FilterCondition{0, FilterOperator::LessOrEqual, QStringLiteral("700")};
        QTemporaryDir dir;
        std::atomic<qint64> rows = 0;
        const std::atomic<bool> cancelled = false;
        const QString csv = dir.filePath(QStringLiteral("rows.csv"));
        PgConnection exportConnection;
        TableExporter::run(exportConnection, a, table, q, csv, RowExportWriter::Format::Csv, OutputFile::Existing::Keep,
                           rows, cancelled);
        QCOMPARE(rows.load(), 700);
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().split('\n');
        QCOMPARE(lines.size(), 702); // header, 700 rows, the empty piece after the last line break
        QVERIFY(lines[0].startsWith("\"i\"\"d\",\"col with space\""));
        QVERIFY(!QFile::exists(csv + QStringLiteral(".part")));
        // Private to the user, and not replaced unless asked.
        QCOMPARE(
            csvFile.permissions()
                & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
            QFileDevice::Permissions());
        const QDateTime written = QFileInfo(csv).lastModified();
        q.filters.first().value = QStringLiteral("10");
        expectInputError(
            [&] {
                TableExporter::run(exportConnection, a, table, q, csv, RowExportWriter::Format::Csv,
                                   OutputFile::Existing::Keep, rows, cancelled);
            },
            QStringLiteral("exists already"));
        QCOMPARE(QFileInfo(csv).lastModified(), written);
        TableExporter::run(exportConnection, a, table, q, csv, RowExportWriter::Format::Csv,
                           OutputFile::Existing::Replace, rows, cancelled);
        QCOMPARE(rows.load(), 10);
        q.filters.first().value = QStringLiteral("700");

        const QString json = dir.filePath(QStringLiteral("rows.json"));
        TableExporter::run(exportConnection, a, table, q, json, RowExportWriter::Format::Json,
                           OutputFile::Existing::Keep, rows, cancelled);
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonArray array = QJsonDocument::fromJson(jsonFile.readAll()).array();
        QCOMPARE(array.size(), 700);
        QCOMPARE(array.last().toObject().value(m_id).toInt(), 700);

        const std::atomic<bool> stop = true;
        const QString cancelledPath = dir.filePath(QStringLiteral("cancelled.csv"));
        try {
            TableExporter::run(exportConnection, a, table, q, cancelledPath, RowExportWriter::Format::Csv,
                               OutputFile::Existing::Keep, rows, stop);
            QFAIL("a cancelled export must fail");
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::Cancelled);
        }
        QVERIFY(!QFile::exists(cancelledPath));
        QVERIFY(!QFile::exists(cancelledPath + QStringLiteral(".part")));
    }
};

QTEST_GUILESS_MAIN(TestTenantBrowse)
#include "TestTenantBrowse.moc"
