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
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// A page is bounded by bytes as well as rows (a page of wide rows once passed 2 GiB and crashed
// tenantctl): with a budget injected through PageRequest::maxBytes the pager returns the rows
// that fit, paging on from the last key reads every row once, both ways; tenantctl browse stops
// a page of 2 MiB rows at the default 64 MiB and prints the key to go on from; an export
// continues after such a page.
class TestPageBytes : public QObject {
    Q_OBJECT

    static constexpr int WideRows = 12;
    static constexpr int WideBytes = 300000;
    static constexpr int HugeRows = 40;
    static constexpr int HugeBytes = 2 << 20;

    PgConnection m_catalog;
    std::unique_ptr<ScratchTenant> m_tenant;

    TenantAccess access()
    {
        return TenantAccess{TenantLocator::locate(m_catalog, m_tenant->slug()),
                            TenantAccess::supportParamsFrom(TestFleet::catalogParams(), FleetRoles::standard().support),
                            {}};
    }

private slots:
    void initTestCase()
    {
        m_catalog.open(TestFleet::catalogParams().withSafeDefaults());
        m_tenant = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("bytes"));
        m_tenant->run(QStringLiteral("CREATE TABLE wide (id int PRIMARY KEY, blob text NOT NULL);"
                                     "INSERT INTO wide SELECT g, repeat(chr(96 + g), %1) FROM generate_series(1, %2) g;"
                                     "CREATE VIEW wide_view AS SELECT * FROM wide;"
                                     "CREATE TABLE huge (id int PRIMARY KEY, blob text NOT NULL);"
                                     "INSERT INTO huge SELECT g, repeat('x', %3) FROM generate_series(1, %4) g")
                          .arg(QString::number(WideBytes), QString::number(WideRows), QString::number(HugeBytes),
                               QString::number(HugeRows)));
        ScratchTenant::waitForReplica();
    }

    void cleanupTestCase() { m_tenant.reset(); }

    void pagesStopAtTheirBudgetAndGoOnFromTheLastKey_data()
    {
        QTest::addColumn<QString>("relation");
        QTest::newRow("table, by key") << QStringLiteral("wide");
        QTest::newRow("view, by position") << QStringLiteral("wide_view");
    }

    void pagesStopAtTheirBudgetAndGoOnFromTheLastKey()
    {
        QFETCH(QString, relation);
        const TenantAccess a = access();
        TenantBrowser b(a);
        BrowseTable table;
        try {
            table = b.table(relation);
        } catch (const PgError& e) {
            QFAIL(qPrintable(e.text()));
        }
        const KeysetPager pager(table, {});
        for (const bool backwards : {false, true}) {
            QList<int> ids;
            QList<int> pageSizes;
            PageRequest request;
            request.limit = 50;
            request.maxBytes = 1 << 20; // 3 rows fit, the 4th passes it
            request.from = backwards ? PageRequest::From::End : PageRequest::From::Start;
            for (int pages = 0; pages < WideRows; ++pages) {
                const BrowsePage page = b.reader.read(b.c, [&] { return pager.fetch(b.c, request); });
                QList<int> got;
                for (int row = 0; row < page.rowCount(); ++row) {
                    got << page.text(row, 0).toInt();
                    QCOMPARE(page.bytes(row, 1).size(), WideBytes);
                }
                ids = backwards ? got + ids : ids + got;
                pageSizes << page.rowCount();
                if (page.rowCount() < request.limit && !page.isCutShort())
                    break;
                request.from = backwards ? PageRequest::From::Before : PageRequest::From::After;
                request.anchor = backwards ? page.firstKey() : page.lastKey();
            }
            QList<int> all;
            for (int id = 1; id <= WideRows; ++id)
                all << id;
            QCOMPARE(ids, all);
            QCOMPARE(pageSizes, (QList<int>{4, 4, 4}));
        }
    }

    void tenantctlStopsAPageAt64MiB()
    {
        const TenantctlProcess first = TenantctlProcess::run({QStringLiteral("browse"), m_tenant->slug(),
                                                              QStringLiteral("huge"), QStringLiteral("--limit"),
                                                              QString::number(HugeRows), QStringLiteral("--json")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(first.out).array();
        const int fit = int((qsizetype(64) << 20) / HugeBytes);
        QCOMPARE(rows.size(), fit);
        QCOMPARE(rows.last().toObject().value(QLatin1String("id")).toInt(), fit);
        QVERIFY2(first.err.contains(QByteArray(QByteArray("next page: --after '") + QByteArray::number(fit) + '\'')),
                 first.err.constData());

        const TenantctlProcess next = TenantctlProcess::run(
            {QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("huge"), QStringLiteral("--limit"),
             QString::number(HugeRows), QStringLiteral("--after"), QString::number(fit), QStringLiteral("--json")});
        QVERIFY2(next.exitCode == 0, next.err.constData());
        const QJsonArray rest = QJsonDocument::fromJson(next.out).array();
        QCOMPARE(rest.size(), HugeRows - fit);
        QCOMPARE(rest.first().toObject().value(QLatin1String("id")).toInt(), fit + 1);
        QVERIFY2(!next.err.contains("next page"), next.err.constData());
    }

    void anExportGoesOnAfterAPageCutShort()
    {
        const TenantAccess a = access();
        TenantBrowser b(a);
        const BrowseTable table = b.table(QStringLiteral("huge"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("huge.csv"));
        std::atomic<qint64> rows = 0;
        const std::atomic<bool> cancelled = false;
        PgConnection exportConnection;
        try {
            TableExporter::run(exportConnection, a, table, {}, path, RowExportWriter::Format::Csv,
                               OutputFile::Existing::Keep, rows, cancelled);
        } catch (const PgError& e) {
            QFAIL(qPrintable(e.text()));
        }
        QCOMPARE(rows.load(), qint64(HugeRows));
        // "id","blob" CRLF, then id,blob CRLF for ids 1..40 (9 of one digit, 31 of two).
        QCOMPARE(QFileInfo(path).size(), 13 + qint64(HugeRows) * (1 + HugeBytes + 2) + 9 + 31 * 2);
    }
};

QTEST_GUILESS_MAIN(TestPageBytes)
#include "TestPageBytes.moc"
