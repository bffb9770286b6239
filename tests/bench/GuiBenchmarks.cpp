#include "BenchContext.h"
#include "Benchmark.h"
#include "StallMeter.h"
#include "fleet/CatalogConnection.h"
#include "ui/shell/MainWindow.h"

// The GUI thread's responsiveness while the catalog loads.

namespace {

void maxStall(BenchContext& context)
{
    MainWindow& window = context.loadedWindow();
    StallMeter meter;
    QList<double> stalls, floors;
    for (int run = 0; run < context.runs(); ++run) {
        bool probed = false;
        const auto done = QObject::connect(window.catalog(), &CatalogConnection::endpointsProbed,
                                           [&] { probed = true; });
        meter.start();
        window.catalog()->refresh();
        BenchContext::waitUntil([&] { return probed; }, 60000, QStringLiteral("the refresh to finish"));
        // Layouts and paints the load scheduled run right after; they belong to it too.
        BenchContext::spin(100);
        const auto [stall, floor] = meter.stopWithFloor();
        QObject::disconnect(done);
        stalls << stall;
        floors << floor;
    }
    BenchContext::note(QStringLiteral("worst of %1 loads: %2 ms")
                           .arg(stalls.size())
                           .arg(*std::max_element(stalls.begin(), stalls.end()), 0, 'f', 1));
    context.report(QStringLiteral("gui.max_stall"), BenchContext::median(stalls), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

const Benchmark::Registration stall(QStringLiteral("gui.max_stall"),
                                    QStringLiteral("longest gap between 1 ms timer ticks during a catalog load"),
                                    &maxStall);

} // namespace
