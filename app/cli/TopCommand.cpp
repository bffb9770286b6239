#include "CliCommand.h"
#include "CliMetricsOptions.h"
#include "base/TerminalText.h"
#include "fleet/FleetChangeListener.h"
#include "metrics/EndpointHealth.h"
#include "metrics/FleetMetricsLoader.h"
#include "metrics/MetricsPoller.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimer>

#include <array>
#include <cmath>
#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <unistd.h>
#endif

// tenantctl top: a live view of the fleet's load, one line per endpoint, refreshed every
// interval until Ctrl-C or --iterations. The same MetricsPoller as the dashboard: every endpoint
// sampled from one thread without blocking, so a dead one shows as down without holding up the others.
// It follows the catalog as the dashboard does: a change of shards or endpoints (a NOTIFY heard
// by FleetChangeListener) makes FleetMetricsLoader read the endpoints again, and the same poller
// samples them where they are now.

namespace {

struct Row {
    MetricTarget target;
    MetricSample sample; // latest; not up with error set when the endpoint is down
    bool seen = false;
};

// The rows of targets, in their order, keeping what rows knew of the endpoints still there.
QList<Row> rowsOf(const QList<MetricTarget>& targets, const QList<Row>& rows)
{
    QHash<int, const Row*> before;
    for (const Row& row : rows)
        before.insert(row.target.endpoint.id, &row);
    QList<Row> now;
    now.reserve(targets.size());
    for (const MetricTarget& target : targets) {
        const Row* known = before.value(target.endpoint.id);
        now.append({target, known ? known->sample : MetricSample(), known && known->seen});
    }
    return now;
}

QString orDash(double value, int precision)
{
    return std::isnan(value) ? QStringLiteral("-") : QString::number(value, 'f', precision);
}

QString lagText(const MetricSample& s)
{
    if (s.lagBytes == 0 && s.lagSeconds == 0)
        return QStringLiteral("0");
    return QStringLiteral("%1s/%2kB").arg(s.lagSeconds, 0, 'f', 1).arg(double(s.lagBytes) / 1024.0, 0, 'f', 0);
}

void printFrame(const QList<Row>& rows, int intervalMs, bool terminal)
{
    QTextStream& out = cliOut();
    if (terminal)
        out << "\x1b[H\x1b[2J"; // home and clear: a refreshing screen, as top does
    out << "tenantctl top - " << QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")) << ", every "
        << double(intervalMs) / 1000.0 << " s, " << rows.size() << " endpoints\n\n";
    const std::array<QString, 9> header{QStringLiteral("SHARD"),  QStringLiteral("ROLE"), QStringLiteral("ENDPOINT"),
                                        QStringLiteral("HEALTH"), QStringLiteral("TPS"),  QStringLiteral("CONNS"),
                                        QStringLiteral("LOCKS"),  QStringLiteral("LAG"),  QStringLiteral("HIT%")};
    QList<std::array<QString, 9>> lines{header};
    QStringList notes;
    for (const Row& row : rows) {
        const MetricTarget& t = row.target;
        const MetricSample& s = row.sample;
        const EndpointHealth health = row.seen ? EndpointHealth::of(t, s) : EndpointHealth();
        std::array<QString, 9> line{t.shardName, t.endpoint.roleName(), t.address(),
                                    EndpointHealth::stateName(health.state())};
        if (s.up) {
            line[4] = orDash(s.figure(MetricSample::Figure::Tps), 1);
            line[5] = QString::number(s.connections);
            line[6] = QString::number(s.lockWaits);
            line[7] = lagText(s);
            line[8] = orDash(100 * s.cacheHitRatio, 1);
        }
        if (!health.reason().isEmpty())
            notes << t.label() + QStringLiteral(": ") + health.reason();
        lines.append(line);
    }
    std::array<qsizetype, 9> width{};
    for (const auto& line : lines) {
        for (size_t c = 0; c < line.size(); ++c)
            width[c] = qMax(width[c], line[c].size());
    }
    for (const auto& line : lines) {
        for (size_t c = 0; c < line.size(); ++c) {
            // Numbers right-aligned, names left-aligned.
            out << (c >= 4 ? line[c].rightJustified(width[c]) : line[c].leftJustified(width[c]));
            out << (c + 1 < line.size() ? "  " : "\n");
        }
    }
    for (const QString& note : std::as_const(notes))
        out << '\n' << note;
    out << (notes.isEmpty() ? "" : "\n");
    if (!terminal)
        out << '\n';
    out.flush();
}

} // namespace

int runTop(const QStringList& args)
{
    CliMetricsOptions options(
        2.0, args,
        {.usage = QStringLiteral("top [options]"),
         .description = QStringLiteral(
             "A live view of the fleet's load: for every endpoint its shard, role, health, transactions/s,\n"
             "client connections, waiting locks, replication lag and cache hit ratio. Refreshes every\n"
             "interval until Ctrl-C or --iterations; the first figures appear after one interval.")});
    if (const std::optional<int> exit = options.loadFleet())
        return *exit;

    QList<Row> rows;
    QHash<int, qsizetype> rowOf; // endpoint id -> row
    const auto setTargets = [&](const QList<MetricTarget>& targets) {
        rows = rowsOf(targets, rows);
        rowOf.clear();
        for (qsizetype i = 0; i < rows.size(); ++i)
            rowOf.insert(rows[i].target.endpoint.id, i);
    };
    setTargets(options.targets());
    MetricsPoller poller(options.base(), options.targets());
    poller.setInterval(options.intervalMs());
    // A sample of an endpoint removed meanwhile finds no row.
    const auto rowFor = [&](int endpointId) { return rowOf.contains(endpointId) ? &rows[rowOf[endpointId]] : nullptr; };
    QObject::connect(&poller, &MetricsPoller::sampled, [&](const MetricSample& sample) {
        if (Row* row = rowFor(sample.endpointId)) {
            row->sample = sample;
            row->seen = true;
        }
    });
    QObject::connect(&poller, &MetricsPoller::endpointDown, [&](int id, const QString& error) {
        if (Row* row = rowFor(id)) {
            row->sample = MetricSample::down(id, QDateTime::currentMSecsSinceEpoch(), error);
            row->seen = true;
        }
    });

    FleetMetricsLoader loader;
    QObject::connect(&loader, &FleetMetricsLoader::loaded, [&](const QList<MetricTarget>& targets) {
        setTargets(targets);
        poller.setTargets(targets);
    });
    QObject::connect(&loader, &FleetMetricsLoader::failed, [](const QString& problem) {
        cliErr() << "tenantctl: " << TerminalText::escaped(problem) << '\n';
        cliErr().flush();
    });
    loader.load(options.base());
    loader.setFollowing(true);
    FleetChangeListener listener;
    QObject::connect(&listener, &FleetChangeListener::notified, &loader, &FleetMetricsLoader::reload);
    listener.listen(options.base());

    const bool terminal = isatty(fileno(stdout));
    int frames = 0;
    auto showFrame = [&] {
        printFrame(rows, options.intervalMs(), terminal);
        if (options.iterations() > 0 && ++frames >= options.iterations())
            QCoreApplication::quit();
    };
    QTimer frameTimer;
    QObject::connect(&frameTimer, &QTimer::timeout, showFrame);
    // Frames half an interval after the poller's ticks, when the round's samples are in; the
    // first after the second round, the first that has rates.
    QTimer::singleShot(options.intervalMs() * 3 / 2, &frameTimer, [&] {
        frameTimer.start(options.intervalMs());
        showFrame();
    });
    poller.resume();
    return QCoreApplication::exec();
}
