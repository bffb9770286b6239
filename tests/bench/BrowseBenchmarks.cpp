#include "BenchContext.h"
#include "Benchmark.h"
#include "ReadTable.h"
#include "StallMeter.h"
#include "browse/BrowseTableLoader.h"
#include "browse/ReplicaRouter.h"
#include "browse/TableBrowser.h"
#include "browse/TenantReader.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "rows/BrowseTableModel.h"
#include "ui/browse/BrowsePrompts.h"
#include "ui/browse/DataGrid.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QThread>

#include <malloc.h>
#include <memory>
#include <stdexcept>

// Browsing a 10-million-row tenant table (DESIGN.md): any page (first, next, last, at a key)
// within 2x the keyset query through libpq, memory bounded by the window, cancel at once, and
// a GUI thread that never stalls while scrolling. Each page is timed from the request to the
// rows being in the model on the GUI thread, through the whole stack: TableBrowser, PgSession,
// TenantReader (read-only transaction, scope), KeysetPager, RowWindowCache.

namespace {

constexpr qint64 BenchRows = 10'000'000;
// A schema tenant on shard 2, which has no replica: the table is UNLOGGED (created about three
// times faster, and nothing to replicate), and unlogged tables cannot be read on a replica.
const QString TenantSlug = QStringLiteral("umbrella");
const QString TableName = QStringLiteral("bench_rows");

// What every browse benchmark shares: the tenant, its 10M-row table, and a support connection
// on the same endpoint for the floors.
struct BrowseFixture {
    TenantAccess access;
    BrowseTable table;
    PgConnection floor;
    QString columns;  // the quoted select list
    QString relation; // schema.table, quoted
};

void createTable(const TenantAccess& access, const ConnectionParams& catalog)
{
    const EndpointInfo& primary = *access.target.primary();
    PgConnection admin;
    admin.open(catalog.withEndpoint(primary.host, primary.port, access.target.database()).withSafeDefaults(0));
    admin.setReplyTimeout(30 * 60 * 1000); // filling the table takes minutes on a slow machine
    const QString schema = admin.quoteIdentifier(access.target.tenant.schemaName);
    const PgResult existing = admin.exec(
        QStringLiteral("SELECT c.reltuples::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "WHERE n.nspname = $1 AND c.relname = $2"),
        {access.target.tenant.schemaName, TableName});
    if (existing.rows() == 1 && existing.toInt(0, 0) >= BenchRows * 9 / 10) {
        BenchContext::note(QStringLiteral("reusing %1.%2 (%3 rows)")
                               .arg(access.target.tenant.schemaName, TableName)
                               .arg(existing.toInt(0, 0)));
        return;
    }
    QElapsedTimer timer;
    timer.start();
    admin.execScript(
        QStringLiteral(
            "SET ROLE tenantdesk_owner;"
            "SET max_parallel_maintenance_workers = 2;"
            "DROP TABLE IF EXISTS %1.%2;"
            "CREATE UNLOGGED TABLE %1.%2 (id bigint NOT NULL, customer_id integer NOT NULL, status text NOT NULL,"
            "  amount numeric(12,2) NOT NULL, note text, created_at timestamptz NOT NULL);"
            "INSERT INTO %1.%2 SELECT g, g % 100000, (ARRAY['pending','paid','shipped','delivered','cancelled'])[1 + g "
            "% 5],"
            "  (g % 100000) / 100.0, CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || g END,"
            "  timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second'"
            "  FROM generate_series(1, %3) AS g;"
            "ALTER TABLE %1.%2 ADD PRIMARY KEY (id);")
            .arg(schema, admin.quoteIdentifier(TableName))
            .arg(BenchRows));
    // Its own statement: VACUUM cannot run in the implicit transaction of a multi-statement script.
    admin.execScript(QStringLiteral("VACUUM (ANALYZE) %1.%2").arg(schema, admin.quoteIdentifier(TableName)));
    BenchContext::note(QStringLiteral("created %1.%2 with %3 rows (unlogged, generate_series, then primary key, "
                                      "VACUUM ANALYZE) in %4 s")
                           .arg(access.target.tenant.schemaName, TableName)
                           .arg(BenchRows)
                           .arg(timer.elapsed() / 1000.0, 0, 'f', 1));
}

BrowseFixture& fixture(BenchContext& context)
{
    static std::unique_ptr<BrowseFixture> ready;
    if (ready)
        return *ready;
    auto f = std::make_unique<BrowseFixture>();
    PgConnection catalog;
    catalog.open(context.catalog().withSafeDefaults());
    f->access = TenantAccess{TenantLocator::locate(catalog, TenantSlug),
                             TenantAccess::supportParamsFrom(context.catalog(), FleetRoles::standard().support),
                             {}};
    createTable(f->access, context.catalog());
    PgConnection c;
    TenantReader reader(f->access);
    reader.connect(c);
    f->table = readTable(c, reader, TableName);
    f->floor.open(ReplicaRouter::paramsFor(f->access, *f->access.target.primary()));
    QStringList columns;
    for (const BrowseColumn& column : f->table.columns)
        columns << f->floor.quoteIdentifier(column.name);
    f->columns = columns.join(QStringLiteral(", "));
    f->relation = f->floor.quoteIdentifier(f->table.schema) + u'.' + f->floor.quoteIdentifier(f->table.name);
    ready = std::move(f);
    return *ready;
}

// The floor: the keyset query alone through libpq (PQexecParams), every value read.
double floorMs(BrowseFixture& f, const QString& where, const QString& order, const PgParams& params)
{
    const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4 LIMIT %5")
                            .arg(f.columns, f.relation, where, order)
                            .arg(BrowseTableModel::PageSize);
    QElapsedTimer timer;
    timer.start();
    const PgResult r = f.floor.exec(sql, params);
    qsizetype bytes = 0;
    for (int row = 0; row < r.rows(); ++row) {
        for (int column = 0; column < r.columns(); ++column)
            bytes += r.bytes(row, column).size();
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (r.rows() != BrowseTableModel::PageSize || bytes == 0)
        throw std::runtime_error("the floor query did not return a full page");
    return ms;
}

// A model served by a TableBrowser, opened on the bench table with its first page in.
struct Browser {
    BrowseTableModel model;
    TableBrowser browser;

    explicit Browser(BrowseFixture& f)
        : browser(f.access, &model)
    {
        browser.open(f.table.oid);
        BenchContext::waitUntil([&] { return model.rowCount() > 0 && !model.isLoading(); }, 60000,
                                QStringLiteral("the first page"));
    }

    // Milliseconds from start() to the page being in the model.
    double time(const std::function<void()>& start)
    {
        QElapsedTimer timer;
        timer.start();
        start();
        BenchContext::waitUntil([&] { return !model.isLoading(); }, 60000, QStringLiteral("a page"));
        if (model.rowCount() == 0)
            throw std::runtime_error("a page came back empty");
        return double(timer.nsecsElapsed()) / 1e6;
    }
    qint64 id(int row) const { return model.data(model.index(row, 0)).toLongLong(); }
};

void reportPages(BenchContext& context, const QString& name, const QList<double>& ms, const QList<double>& floors)
{
    context.report(name, BenchContext::median(ms), QStringLiteral("ms"), BenchContext::median(floors));
}

// Runs per page benchmark: pages are quick, so more than the default runs make a stable median.
int pageRuns(const BenchContext& context)
{
    return context.runs() * 10;
}

void firstPage(BenchContext& context)
{
    BrowseFixture& f = fixture(context);
    Browser b(f);
    QList<double> ms, floors;
    for (int run = 0; run < pageRuns(context); ++run) {
        ms << b.time([&] { b.model.showFirst(); });
        floors << floorMs(f, QStringLiteral("true"), QStringLiteral("id ASC"), {});
    }
    if (b.id(0) != 1)
        throw std::runtime_error("the first page does not start at id 1");
    reportPages(context, QStringLiteral("browse.first_page"), ms, floors);
}

void nextPage(BenchContext& context)
{
    BrowseFixture& f = fixture(context);
    Browser b(f);
    QList<double> ms, floors;
    // The floor pages through a region of its own, as far from the grid's, so that neither reads
    // pages the other has just brought into memory.
    qint64 floorLast = BenchRows / 2;
    for (int run = 0; run < pageRuns(context); ++run) {
        const qint64 last = b.id(b.model.rowCount() - 1);
        ms << b.time([&] { b.model.fetchMore({}); });
        if (b.id(b.model.rowCount() - 1) != last + BrowseTableModel::PageSize)
            throw std::runtime_error("the next page does not follow the last row");
        floors << floorMs(f, QStringLiteral("id > $1"), QStringLiteral("id ASC"), {floorLast});
        floorLast += BrowseTableModel::PageSize;
    }
    reportPages(context, QStringLiteral("browse.next_page"), ms, floors);
}

void lastPage(BenchContext& context)
{
    BrowseFixture& f = fixture(context);
    Browser b(f);
    QList<double> ms, floors;
    for (int run = 0; run < pageRuns(context); ++run) {
        ms << b.time([&] { b.model.showLast(); });
        floors << floorMs(f, QStringLiteral("true"), QStringLiteral("id DESC"), {});
    }
    if (b.id(b.model.rowCount() - 1) != BenchRows)
        throw std::runtime_error("the last page does not end at the last id");
    reportPages(context, QStringLiteral("browse.last_page"), ms, floors);
}

void jumpToKey(BenchContext& context)
{
    BrowseFixture& f = fixture(context);
    Browser b(f);
    QList<double> ms, floors;
    for (int run = 0; run < pageRuns(context); ++run) {
        const qint64 key = 1 + QRandomGenerator::global()->bounded(BenchRows - BrowseTableModel::PageSize);
        ms << b.time([&] { b.model.seek(QString::number(key)); });
        if (b.id(0) != key)
            throw std::runtime_error("the jump did not land on the key");
        // A key of its own, as cold as the grid's.
        const qint64 floorKey = 1 + QRandomGenerator::global()->bounded(BenchRows - BrowseTableModel::PageSize);
        floors << floorMs(f, QStringLiteral("id >= $1"), QStringLiteral("id ASC"), {floorKey});
    }
    reportPages(context, QStringLiteral("browse.jump_to_key"), ms, floors);
}

qint64 heapBytes()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

void memory(BenchContext& context)
{
    BrowseFixture& f = fixture(context);
    constexpr qint64 PagedRows = 1'000'000;
    malloc_trim(0);
    const qint64 before = heapBytes();
    qint64 peakWindow = 0;
    qint64 pagedBytes = 0;
    double rowBytes = 0;
    {
        Browser b(f);
        rowBytes = double(b.model.memoryBytes()) / b.model.rowCount();
        qint64 paged = b.model.rowCount();
        while (paged < PagedRows) {
            b.time([&] { b.model.fetchMore({}); });
            paged += BrowseTableModel::PageSize;
            peakWindow = qMax(peakWindow, b.model.memoryBytes());
        }
        pagedBytes = qint64(rowBytes * double(paged));
        if (b.id(b.model.rowCount() - 1) != PagedRows)
            throw std::runtime_error("paging did not reach row 1,000,000");
        malloc_trim(0);
        const double mb = double(heapBytes() - before) / (1024 * 1024);
        BenchContext::note(QStringLiteral("the rows paged through hold %1 MB as pages; the window at most %2 MB "
                                          "(%3 rows)")
                               .arg(double(pagedBytes) / (1024 * 1024), 0, 'f', 1)
                               .arg(double(peakWindow) / (1024 * 1024), 0, 'f', 2)
                               .arg(BrowseTableModel::MaxRows));
        // The floor: one full window of rows as pages, which any windowed grid must hold.
        context.report(QStringLiteral("browse.memory_mb"), mb, QStringLiteral("MB"),
                       rowBytes * BrowseTableModel::MaxRows / (1024 * 1024));
    }
}

void countCancel(BenchContext& context)
{
    BrowseFixture& f = fixture(context);
    Browser b(f);
    QList<double> ms, floors;
    for (int run = 0; run < context.runs(); ++run) {
        b.browser.countExactly();
        BenchContext::spin(150); // well into count(*) over 10M rows
        if (!b.browser.isCounting())
            throw std::runtime_error("the count finished before it could be cancelled");
        QElapsedTimer timer;
        timer.start();
        b.browser.cancelCount();
        BenchContext::waitUntil([&] { return !b.browser.isCounting(); }, 30000, QStringLiteral("the count to stop"));
        ms << double(timer.nsecsElapsed()) / 1e6;

        // The floor: the same count on a plain libpq connection, PQcancel, then its result drained.
        PGconn* raw = f.floor.raw();
        const QByteArray sql = QStringLiteral("SELECT count(*) FROM %1").arg(f.relation).toUtf8();
        PQsendQuery(raw, sql.constData());
        QThread::msleep(150);
        QElapsedTimer floorTimer;
        floorTimer.start();
        f.floor.cancel();
        while (PGresult* r = PQgetResult(raw))
            PQclear(r);
        floors << double(floorTimer.nsecsElapsed()) / 1e6;
    }
    context.report(QStringLiteral("browse.count_cancel"), BenchContext::median(ms), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

// The grid needs prompts only for export and tickets, which scrolling never asks.
struct NoPrompts : BrowsePrompts {
    void askTicket(QWidget*, const TenantTarget&, std::function<void(const QString&)>) override { }
    void chooseExportFile(QWidget*, const QString&, std::function<void(const QString&)>) override { }
};

void scrollStall(BenchContext& context)
{
    BrowseFixture& f = fixture(context);
    NoPrompts prompts;
    DataGrid grid(f.access, &prompts);
    grid.resize(1200, 800);
    grid.show();
    grid.open(f.table.oid);
    BrowseTableModel* model = grid.model();
    BenchContext::waitUntil([&] { return model->rowCount() > 0 && !model->isLoading(); }, 60000,
                            QStringLiteral("the first page"));
    QScrollBar* bar = grid.view()->verticalScrollBar();
    StallMeter meter;
    QList<double> stalls, floors;
    for (int run = 0; run < context.runs(); ++run) {
        meter.start();
        // Drag to the bottom again and again: 50 pages down, a jump to the end, 10 pages up.
        for (int step = 0; step < 50; ++step) {
            bar->setValue(bar->maximum());
            BenchContext::waitUntil([&] { return !model->isLoading(); }, 30000, QStringLiteral("a page"));
        }
        model->showLast();
        BenchContext::waitUntil([&] { return !model->isLoading(); }, 30000, QStringLiteral("the last page"));
        for (int step = 0; step < 10; ++step) {
            bar->setValue(0);
            BenchContext::spin(1);
            BenchContext::waitUntil([&] { return !model->isLoading(); }, 30000, QStringLiteral("a page"));
        }
        BenchContext::spin(50);
        const auto [stall, floor] = meter.stopWithFloor();
        stalls << stall;
        floors << floor;
        model->showFirst();
        BenchContext::waitUntil([&] { return !model->isLoading(); }, 30000, QStringLiteral("the first page"));
    }
    BenchContext::note(QStringLiteral("worst of %1 scrolls: %2 ms (target: 50 ms)")
                           .arg(stalls.size())
                           .arg(*std::max_element(stalls.begin(), stalls.end()), 0, 'f', 1));
    context.report(QStringLiteral("gui.max_stall.browse_scroll"), BenchContext::median(stalls), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

const Benchmark::Registration
    first(QStringLiteral("browse.first_page"),
          QStringLiteral("first page of a 10M-row tenant table, request to rows in the model"), &firstPage);
const Benchmark::Registration next(QStringLiteral("browse.next_page"),
                                   QStringLiteral("the page after the last row held"), &nextPage);
const Benchmark::Registration last(QStringLiteral("browse.last_page"), QStringLiteral("the last page (reverse keyset)"),
                                   &lastPage);
const Benchmark::Registration jump(QStringLiteral("browse.jump_to_key"), QStringLiteral("a page at a random key"),
                                   &jumpToKey);
const Benchmark::Registration mem(QStringLiteral("browse.memory_mb"),
                                  QStringLiteral("heap growth after paging through 1,000,000 rows"), &memory);
const Benchmark::Registration
    cancel(QStringLiteral("browse.count_cancel"),
           QStringLiteral("cancel of an exact count(*) of 10M rows until the session is idle"), &countCancel);
const Benchmark::Registration stall(QStringLiteral("gui.max_stall.browse_scroll"),
                                    QStringLiteral("longest GUI-thread stall while scrolling the 10M-row grid"),
                                    &scrollStall);

} // namespace
