#include "BenchContext.h"
#include "BenchSandbox.h"
#include "Benchmark.h"
#include "HeapUsage.h"
#include "LibpqFloor.h"
#include "catalog/CatalogClient.h"
#include "fleet/CatalogConnection.h"
#include "fleet/TenantTableModel.h"
#include "ui/shell/MainWindow.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

#include <cstring>

// The tenant list at 100,000 tenants (DESIGN.md): first screen, whole load, memory, filtering.

namespace {

QTableView* tenantView(MainWindow& window)
{
    return window.findChild<QTableView*>(QStringLiteral("tenantTable"));
}

// The tenants the catalog holds now: the sandbox's 100,000 plus whatever an earlier benchmark of
// the same run made (provision.batch_rate adds 1,000).
qint64 catalogTenants(const ConnectionParams& catalog)
{
    PgConnection c;
    c.open(catalog);
    return CatalogClient::inspect(c).tenantCount;
}

// Runs a refresh of the open catalog and returns the milliseconds from its start to the moment
// signal fires (after a synchronous repaint of the tenant table), then waits until it is all
// loaded and every endpoint probed, so that one run's probes do not compete with the next run.
template <typename Signal>
double timeRefreshUntil(BenchContext& context, MainWindow& window,
                        const typename QtPrivate::FunctionPointer<Signal>::Object* sender, Signal signal)
{
    QElapsedTimer timer;
    double ms = -1;
    bool probed = false;
    const auto first = QObject::connect(sender, signal, [&] {
        if (ms < 0) {
            tenantView(window)->viewport()->repaint();
            ms = double(timer.nsecsElapsed()) / 1e6;
        }
    });
    const auto done = QObject::connect(window.catalog(), &CatalogConnection::endpointsProbed, [&] { probed = true; });
    timer.start();
    window.catalog()->refresh();
    BenchContext::waitUntil([&] { return probed; }, 60000, QStringLiteral("the refresh to finish"));
    QObject::disconnect(first);
    QObject::disconnect(done);
    if (ms < 0 || window.tenantModel()->totalCount() != catalogTenants(context.catalog()))
        throw std::runtime_error("the refresh did not load every tenant");
    return ms;
}

// Reports name: the median of refreshes timed until signal of senderOf(window) fires, against the
// libpq floor of fetching floorRows catalog rows (-1: all).
template <typename SenderOf, typename Signal>
void reportRefresh(BenchContext& context, const QString& name, SenderOf senderOf, Signal signal, int floorRows)
{
    MainWindow& window = context.loadedWindow();
    LibpqFloor floor(context.catalog());
    QList<double> ms, floors;
    for (int run = 0; run < context.runs(); ++run) {
        ms << timeRefreshUntil(context, window, senderOf(window), signal);
        floors << floor.fetchMs(floorRows);
    }
    context.report(name, BenchContext::median(ms), QStringLiteral("ms"), BenchContext::median(floors));
}

void firstScreen(BenchContext& context)
{
    reportRefresh(
        context, QStringLiteral("tenants.first_screen"), [](MainWindow& w) { return w.catalog(); },
        &CatalogConnection::firstPageShown, CatalogConnection::FirstPageRows);
}

void loadAll(BenchContext& context)
{
    reportRefresh(
        context, QStringLiteral("tenants.load_all"), [](MainWindow& w) { return w.tenantModel(); },
        &TenantTableModel::tenantsAppended, -1);
}

void bytesPerTenant(BenchContext& context)
{
    // Everything the process holds more once a catalog is loaded: table model, tree, views.
    std::unique_ptr<MainWindow> window = context.newWindow();
    QCoreApplication::processEvents();
    const qint64 before = HeapUsage::inUseBytes();
    context.openAndLoad(*window);
    QCoreApplication::processEvents();
    const qint64 after = HeapUsage::inUseBytes();
    const TenantTableModel& model = *window->tenantModel();
    const int tenants = model.totalCount();

    qint64 textBytes = 0;
    for (int row = 0; row < tenants; ++row) {
        for (int column = 0; column < TenantTable::ColumnCount; ++column)
            textBytes += model.table().text(row, TenantTable::Column(column)).toUtf8().size();
    }
    BenchContext::note(
        QStringLiteral("model alone: %1 bytes per tenant").arg(double(model.memoryBytes()) / tenants, 0, 'f', 1));
    context.report(QStringLiteral("tenants.bytes_per_tenant"), double(after - before) / tenants, QStringLiteral("B"),
                   double(textBytes) / tenants);
}

void filterKeystroke(BenchContext& context)
{
    MainWindow& window = context.loadedWindow();
    QLineEdit* filter = window.findChild<QLineEdit*>(QStringLiteral("tenantFilter"));
    QTableView* view = tenantView(window);
    filter->clear();
    auto keystroke = [&](Qt::Key key) {
        QElapsedTimer timer;
        timer.start();
        QTest::keyClick(filter, key, Qt::NoModifier);
        view->viewport()->repaint();
        return double(timer.nsecsElapsed()) / 1e6;
    };

    // "e" and "en" keep every tenant (bench-000001 ...): the most rows to filter and to show.
    QList<double> fresh, narrow, clearing;
    for (int run = 0; run < context.runs(); ++run) {
        fresh << keystroke(Qt::Key_E);
        narrow << keystroke(Qt::Key_N);
        fresh << keystroke(Qt::Key_Backspace); // "e" again: not a narrowing, a whole scan
        clearing << keystroke(Qt::Key_Backspace);
    }
    if (!filter->text().isEmpty() || window.tenantModel()->rowCount() != window.tenantModel()->totalCount())
        throw std::runtime_error("the filter did not return to showing every tenant");

    // The floor: one memchr over as many bytes as the cells hold, lower-cased, in one buffer.
    const TenantTable& table = window.tenantModel()->table();
    QByteArray text;
    for (int row = 0; row < table.size(); ++row) {
        for (int column = 0; column < TenantTable::ColumnCount; ++column)
            text += table.text(row, TenantTable::Column(column)).toLower().toUtf8() + '\1';
    }
    QList<double> floors;
    for (int run = 0; run < context.runs(); ++run) {
        QElapsedTimer timer;
        timer.start();
        const void* found = std::memchr(text.constData(), '\xff', size_t(text.size()));
        floors << double(timer.nsecsElapsed()) / 1e6;
        if (found)
            throw std::runtime_error("unexpected byte in the tenant text");
    }
    const double f = BenchContext::median(fresh), n = BenchContext::median(narrow), c = BenchContext::median(clearing);
    BenchContext::note(QStringLiteral("fresh %1 ms, narrowing %2 ms, clearing %3 ms (medians)")
                           .arg(f, 0, 'f', 2)
                           .arg(n, 0, 'f', 2)
                           .arg(c, 0, 'f', 2));
    context.report(QStringLiteral("tenants.filter_keystroke"), std::max({f, n, c}), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

const Benchmark::Registration first(QStringLiteral("tenants.first_screen"),
                                    QStringLiteral("refresh to the first 200 tenants shown and painted"), &firstScreen);
const Benchmark::Registration all(QStringLiteral("tenants.load_all"),
                                  QStringLiteral("refresh to every tenant in the model"), &loadAll);
const Benchmark::Registration bytes(QStringLiteral("tenants.bytes_per_tenant"),
                                    QStringLiteral("heap held per loaded tenant (malloc_info, all arenas)"),
                                    &bytesPerTenant);
const Benchmark::Registration keystroke(QStringLiteral("tenants.filter_keystroke"),
                                        QStringLiteral("worst of a fresh, a narrowing and a clearing keystroke"),
                                        &filterKeystroke);

} // namespace
