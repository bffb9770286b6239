#include "BenchContext.h"
#include "Benchmark.h"
#include "StallMeter.h"
#include "ThrowawayServer.h"
#include "metrics/EndpointSampler.h"
#include "metrics/MetricTargetLoader.h"
#include "metrics/MetricsHistory.h"
#include "metrics/MetricsPoller.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"
#include "ui/dashboard/DashboardWidget.h"
#include "ui/dashboard/FleetLineChart.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

#include <memory>
#include <set>
#include <stdexcept>

// Polling the fleet (DESIGN.md): server time per poll, a round over 64 endpoints, the GUI
// thread's share, the 24-hour charts, and the GUI thread's stalls while the dashboard polls.

namespace {

QList<MetricTarget> loadTargets(const BenchContext& context, ConnectionParams* base = nullptr)
{
    PgConnection catalog;
    catalog.open(context.catalog().withSafeDefaults());
    if (base)
        *base = catalog.params();
    return MetricTargetLoader::load(catalog);
}

// Server time of a prepared statement, from EXPLAIN ANALYZE (without per-node timing, which
// would add its own overhead): the median over the runs, after a warm-up.
double serverMs(PgConnection& c, const QByteArray& statement, int runs)
{
    const QString explain = QStringLiteral("EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON, FORMAT JSON) EXECUTE %1")
                                .arg(c.quoteIdentifier(QString::fromLatin1(statement)));
    QList<double> ms;
    for (int run = -3; run < runs; ++run) {
        const PgResult result = c.exec(explain);
        const double value = QJsonDocument::fromJson(result.bytes(0, 0).toByteArray())
                                 .array()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("Execution Time"))
                                 .toDouble(-1);
        if (value < 0)
            throw std::runtime_error("EXPLAIN ANALYZE gave no execution time");
        if (run >= 0)
            ms << value;
    }
    return BenchContext::median(ms);
}

void serverTimePerPoll(BenchContext& context)
{
    ConnectionParams base;
    const QList<MetricTarget> targets = loadTargets(context, &base);
    const int runs = qMax(20, context.runs() * 10);
    QList<double> ticks, tenants, sizes, floors;
    // Each distinct server once (shards beyond the second share the two shard servers).
    std::set<std::pair<QString, int>> seen;
    for (const MetricTarget& target : targets) {
        if (!seen.insert({target.endpoint.host, target.endpoint.port}).second)
            continue;
        PgConnection c;
        c.open(EndpointSampler::connectionParams(base, target));
        c.prepare(EndpointSampler::tickStatement, SqlResource::text(QStringLiteral("metrics/sample.sql")));
        c.prepare(EndpointSampler::tenantsStatement, SqlResource::text(QStringLiteral("metrics/tenants.sql")));
        c.prepare(EndpointSampler::sizesStatement, SqlResource::text(QStringLiteral("metrics/sizes.sql")));
        c.prepare("bench_select_1", QStringLiteral("SELECT 1"));
        ticks << serverMs(c, EndpointSampler::tickStatement, runs);
        tenants << serverMs(c, EndpointSampler::tenantsStatement, runs);
        sizes << serverMs(c, EndpointSampler::sizesStatement, context.runs());
        floors << serverMs(c, "bench_select_1", runs);
        BenchContext::note(QStringLiteral("%1: tick %2 ms, tenants %3 ms, sizes %4 ms, SELECT 1 %5 ms")
                               .arg(target.label())
                               .arg(ticks.last(), 0, 'f', 3)
                               .arg(tenants.last(), 0, 'f', 3)
                               .arg(sizes.last(), 0, 'f', 3)
                               .arg(floors.last(), 0, 'f', 4));
    }
    // Per poll: the tick, and the shares of the statements that run every so many ticks.
    const double perPoll = BenchContext::median(ticks)
                           + BenchContext::median(tenants) / EndpointSampler::defaultTenantsEvery
                           + BenchContext::median(sizes) / EndpointSampler::defaultSizesEvery;
    BenchContext::note(QStringLiteral("target 0.2 ms per poll per endpoint"));
    context.report(QStringLiteral("poll.server_ms"), perPoll, QStringLiteral("ms"), BenchContext::median(floors));
}

// 64 databases over the shard servers, each an endpoint of its own: what a fleet of 64
// endpoints looks like to the poller. Dropped when the object goes.
class SixtyFourEndpoints {
public:
    static constexpr int Count = 64;

    explicit SixtyFourEndpoints(const BenchContext& context)
    {
        const QList<MetricTarget> fleet = loadTargets(context, &m_base);
        QList<MetricTarget> servers;
        std::set<std::pair<QString, int>> seen;
        for (const MetricTarget& t : fleet) {
            if (t.endpoint.isPrimary() && seen.insert({t.endpoint.host, t.endpoint.port}).second)
                servers << t;
        }
        for (int i = 0; i < Count; ++i) {
            MetricTarget t = servers.at(i % servers.size());
            t.endpoint.id = 100000 + i;
            t.endpoint.shardId = 100000 + i;
            t.shardName = QStringLiteral("poll-%1").arg(i, 2, 10, QLatin1Char('0'));
            t.tenantDatabase = QStringLiteral("tdbench_poll_%1").arg(i, 2, 10, QLatin1Char('0'));
            t.expectedReplicas = 0;
            t.tenants.clear();
            m_targets << t;
        }
        run(QStringLiteral("CREATE DATABASE %1"));
    }
    ~SixtyFourEndpoints()
    {
        try {
            run(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)"));
        } catch (const std::exception& e) {
            BenchContext::note(QStringLiteral("could not drop the 64 databases: ") + QString::fromUtf8(e.what()));
        }
    }
    const QList<MetricTarget>& targets() const { return m_targets; }
    const ConnectionParams& base() const { return m_base; }

private:
    void run(const QString& statement) const
    {
        for (const MetricTarget& t : m_targets) {
            PgConnection c;
            c.open(
                m_base.withEndpoint(t.endpoint.host, t.endpoint.port, QStringLiteral("postgres")).withSafeDefaults());
            c.execScript(statement.arg(c.quoteIdentifier(t.tenantDatabase)));
        }
    }

    ConnectionParams m_base;
    QList<MetricTarget> m_targets;
};

void roundOf64(BenchContext& context)
{
    const SixtyFourEndpoints fleet(context);
    // The floor: every endpoint's sample alone, one after the other; the slowest of them.
    double slowest = 0;
    {
        std::vector<std::unique_ptr<EndpointSampler>> samplers;
        for (const MetricTarget& t : fleet.targets()) {
            samplers.push_back(std::make_unique<EndpointSampler>(t, fleet.base()));
            // The tick statement only, after the first two.
            samplers.back()->setTenantsEvery(1000000);
            samplers.back()->setSizesEvery(1000000);
            samplers.back()->sample();
            samplers.back()->sample();
        }
        for (int run = 0; run < context.runs(); ++run) {
            for (const auto& sampler : samplers) {
                QElapsedTimer timer;
                timer.start();
                if (!sampler->sample().up)
                    throw std::runtime_error("an endpoint of the 64 is down");
                slowest = qMax(slowest, double(timer.nsecsElapsed()) / 1e6);
            }
        }
    }
    // A round: every endpoint sampled in parallel by the poller, from its tick to the last sample.
    MetricsPoller poller(fleet.base(), fleet.targets());
    poller.setInterval(3600 * 1000); // rounds only when resumed below
    poller.setTenantsEvery(1000000);
    poller.setSizesEvery(1000000);
    int sampled = 0;
    QObject::connect(&poller, &MetricsPoller::sampled, &poller, [&] { ++sampled; });
    auto round = [&] {
        sampled = 0;
        poller.pause();
        QElapsedTimer timer;
        timer.start();
        poller.resume(); // samples at once
        BenchContext::waitUntil([&] { return sampled == SixtyFourEndpoints::Count; }, 30000,
                                QStringLiteral("a round over 64 endpoints"));
        return double(timer.nsecsElapsed()) / 1e6;
    };
    round(); // connects and prepares
    round();
    QList<double> rounds;
    for (int run = 0; run < context.runs(); ++run)
        rounds << round();
    {
        // What one poll costs its server here, with the 64 connections and databases all on
        // the two shard servers (on a real fleet each endpoint is a server of its own).
        PgConnection c;
        c.open(EndpointSampler::connectionParams(fleet.base(), fleet.targets().constFirst()));
        c.prepare(EndpointSampler::tickStatement, SqlResource::text(QStringLiteral("metrics/sample.sql")));
        BenchContext::note(QStringLiteral("server time of one poll with all 64 connected: %1 ms")
                               .arg(serverMs(c, EndpointSampler::tickStatement, 20), 0, 'f', 3));
    }
    BenchContext::note(QStringLiteral("target: slowest round trip + 10 ms = %1 ms").arg(slowest + 10, 0, 'f', 1));
    context.report(QStringLiteral("poll.round_64_ms"), BenchContext::median(rounds), QStringLiteral("ms"), slowest);
}

// Process threads now (Linux; 0 elsewhere): the poller's claim is one thread for all endpoints.
int processThreads()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

// One round over 1,000 endpoints: 1,000 connections to eight servers of the bench's own (the
// sandbox's allow 100 each), each connection a target of its own. Not all on one server: a tick
// reads the activity of every session of its server, so 1,000 sessions on one server make each
// tick cost ~30 ms there, a load no real fleet puts on a server. The floor: the servers' CPU for
// 1,000 ticks (one tick's server time, times 1,000, over the machine's cores).
void roundOf1000(BenchContext& context)
{
    constexpr int Count = 1000;
    constexpr int Servers = 8;
    ConnectionParams base;
    loadTargets(context, &base);
    std::vector<std::unique_ptr<ThrowawayServer>> servers;
    for (int i = 0; i < Servers; ++i) {
        servers.push_back(std::make_unique<ThrowawayServer>(
            base.value("user"),
            QList<std::pair<QString, QString>>{{QStringLiteral("max_connections"), QStringLiteral("150")}}));
    }
    QList<MetricTarget> targets;
    for (int i = 0; i < Count; ++i) {
        MetricTarget t;
        t.endpoint.id = 200000 + i;
        t.endpoint.shardId = 200000 + i;
        t.endpoint.host = QStringLiteral("127.0.0.1");
        t.endpoint.port = servers[size_t(i % Servers)]->port();
        t.shardName = QStringLiteral("poll-%1").arg(i);
        t.tenantDatabase = QStringLiteral("postgres");
        targets << t;
    }
    const int threadsBefore = processThreads();
    MetricsPoller poller(base, targets);
    poller.setInterval(3600 * 1000);
    poller.setTenantsEvery(1000000);
    poller.setSizesEvery(1000000);
    int sampled = 0;
    int down = 0;
    QString lastError;
    QObject::connect(&poller, &MetricsPoller::sampled, &poller, [&] { ++sampled; });
    QObject::connect(&poller, &MetricsPoller::endpointDown, &poller, [&](int, const QString& error) {
        ++down;
        lastError = error;
    });
    auto round = [&] {
        sampled = down = 0;
        poller.pause();
        QElapsedTimer timer;
        timer.start();
        poller.resume();
        const int dispatched = poller.inFlight(); // all but those waiting out a backoff
        BenchContext::waitUntil([&] { return sampled + down == dispatched; }, 120000,
                                QStringLiteral("a round over 1,000 endpoints"));
        if (sampled < Count)
            BenchContext::note(QStringLiteral("a round with %1 of 1,000 endpoints sampled (%2 past their deadline: %3)")
                                   .arg(sampled)
                                   .arg(down)
                                   .arg(lastError));
        return double(timer.nsecsElapsed()) / 1e6;
    };
    // Connecting 1,000 (a process forked on the server for each) may take longer than a tick's
    // deadline on a busy machine: ticks every 4 s until every endpoint has answered once, those
    // that missed their deadline retried after their backoff.
    QElapsedTimer connecting;
    connecting.start();
    {
        QSet<int> up;
        const QMetaObject::Connection counting = QObject::connect(
            &poller, &MetricsPoller::sampled, &poller, [&](const MetricSample& s) { up.insert(s.endpointId); });
        poller.setInterval(4000);
        poller.resume();
        BenchContext::waitUntil([&] { return up.size() == Count; }, 300000,
                                QStringLiteral("1,000 endpoints connected"));
        poller.pause();
        QObject::disconnect(counting);
        BenchContext::waitUntil([&] { return poller.inFlight() == 0; }, 30000, QStringLiteral("the last ticks"));
        poller.setInterval(3600 * 1000);
    }
    const qint64 connectedMs = connecting.elapsed();
    const int threadsPolling = processThreads();
    round();
    QList<double> rounds;
    for (int run = 0; run < context.runs(); ++run)
        rounds << round();
    double floor = 0;
    {
        PgConnection c;
        c.open(EndpointSampler::connectionParams(base, targets.constFirst()));
        c.execScript(QString::fromUtf8(EndpointSampler::setupScript()));
        QList<double> ticks;
        for (int run = -3; run < 20; ++run) {
            QElapsedTimer timer;
            timer.start();
            c.execPrepared(EndpointSampler::tickStatement);
            if (run >= 0)
                ticks << double(timer.nsecsElapsed()) / 1e6;
        }
        const double server = serverMs(c, EndpointSampler::tickStatement, 20);
        floor = server * Count / qMax(1, QThread::idealThreadCount());
        BenchContext::note(QStringLiteral("one tick with 125 connections on its server: %1 ms round trip, server %2 ms")
                               .arg(BenchContext::median(ticks), 0, 'f', 3)
                               .arg(server, 0, 'f', 3));
    }
    BenchContext::note(
        QStringLiteral("all 1,000 connected and answering after %1 ms; threads of the process: %2 before "
                       "the poller, %3 while it polls 1,000 endpoints")
            .arg(connectedMs)
            .arg(threadsBefore)
            .arg(threadsPolling));
    context.report(QStringLiteral("poll.round_1000_ms"), BenchContext::median(rounds), QStringLiteral("ms"), floor);
}

// The fleet of the bench sandbox (16 shards) and one real sample of each endpoint, with its
// schema tenants and sizes: what the dashboard handles on a tick, at its heaviest.
struct CapturedRound {
    QList<MetricTarget> targets;
    QList<MetricSample> samples;

    explicit CapturedRound(const BenchContext& context)
    {
        ConnectionParams base;
        targets = loadTargets(context, &base);
        for (const MetricTarget& t : std::as_const(targets)) {
            EndpointSampler sampler(t, base); // the first two samples measure the schema tenants
            sampler.sample();
            BenchContext::spin(100);
            samples << sampler.sample();
            if (!samples.last().up)
                throw std::runtime_error("an endpoint of the bench sandbox is down");
        }
    }
    // The samples as if taken at nowMs.
    QList<MetricSample> at(qint64 nowMs) const
    {
        QList<MetricSample> shifted = samples;
        for (MetricSample& s : shifted)
            s.timestampMs = nowMs;
        return shifted;
    }
};

void guiPerTick(BenchContext& context)
{
    const CapturedRound captured(context);
    DashboardWidget dashboard;
    dashboard.resize(1400, 900);
    dashboard.setFleet(captured.targets, nullptr);
    dashboard.show();
    BenchContext::waitUntil([&] { return dashboard.isVisible(); }, 5000, QStringLiteral("the dashboard to show"));
    BenchContext::spin(100);
    const qint64 start = QDateTime::currentMSecsSinceEpoch();
    const int ticks = qMax(30, context.runs() * 6);
    QList<double> perTick, handling, frames, paints;
    for (int tick = 0; tick < ticks; ++tick) {
        const qint64 now = start + qint64(tick) * MetricsPoller::defaultIntervalMs;
        const QList<MetricSample> samples = captured.at(now);
        QElapsedTimer timer;
        timer.start();
        for (const MetricSample& s : samples)
            dashboard.showSample(s);
        const qint64 handled = timer.nsecsElapsed();
        dashboard.drawFrame(now);
        const qint64 drawn = timer.nsecsElapsed();
        QCoreApplication::processEvents(); // what changed painted, as on screen
        perTick << double(timer.nsecsElapsed()) / 1e6;
        handling << double(handled) / 1e6;
        frames << double(drawn - handled) / 1e6;
        paints << double(timer.nsecsElapsed() - drawn) / 1e6;
    }
    BenchContext::note(QStringLiteral("per tick: samples %1 ms, frame %2 ms, paint %3 ms")
                           .arg(BenchContext::median(handling), 0, 'f', 2)
                           .arg(BenchContext::median(frames), 0, 'f', 2)
                           .arg(BenchContext::median(paints), 0, 'f', 2));
    // The floor: what a live chart cannot avoid on a tick: the samples posted to the GUI thread,
    // as the poller delivers them (to a receiver that drops them), and the three line charts
    // painted again as they are.
    QObject receiver;
    int received = 0;
    QList<double> floors;
    for (int tick = 0; tick < ticks; ++tick) {
        const QList<MetricSample> samples = captured.at(start);
        QElapsedTimer timer;
        timer.start();
        for (const MetricSample& s : samples)
            QMetaObject::invokeMethod(
                &receiver, [&received, s] { received += s.up; }, Qt::QueuedConnection);
        for (FleetLineChart* chart : {dashboard.tpsChart(), dashboard.connectionsChart(), dashboard.lagChart()})
            chart->viewport()->update();
        QCoreApplication::processEvents();
        floors << double(timer.nsecsElapsed()) / 1e6;
    }
    std::set<int> shards;
    for (const MetricTarget& t : captured.targets)
        shards.insert(t.endpoint.shardId);
    BenchContext::note(
        QStringLiteral("%1 endpoints of %2 shards, every sample with its schema tenants; %3 delivered to the floor")
            .arg(captured.targets.size())
            .arg(shards.size())
            .arg(received));
    context.report(QStringLiteral("poll.gui_ms_per_tick"), BenchContext::median(perTick), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

void redraw24h(BenchContext& context)
{
    const CapturedRound captured(context);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 day = DashboardWidget::windowMs(DashboardWidget::Window::Day);
    const int perEndpoint = int(day / MetricsPoller::defaultIntervalMs);
    {
        // A day of samples at the default interval for every endpoint, in batches of an hour.
        MetricsHistory history(path);
        for (qint64 from = now - day; from < now; from += 3600 * 1000) {
            QList<MetricSample> batch;
            for (qint64 ts = from; ts < qMin(now, from + 3600 * 1000); ts += MetricsPoller::defaultIntervalMs) {
                for (MetricSample s : captured.samples) {
                    s.timestampMs = ts;
                    s.tps = double((ts / 60000) % 50);
                    s.connections = int((ts / 7000) % 20);
                    s.lagSeconds = double((ts / 13000) % 5);
                    s.databases.clear();
                    s.tenants.clear();
                    batch << s;
                }
            }
            history.append(batch);
        }
    }
    QList<double> ms, floors;
    for (int run = 0; run < context.runs(); ++run) {
        DashboardWidget dashboard;
        dashboard.resize(1400, 900);
        dashboard.setFleet(captured.targets, nullptr, path);
        dashboard.show();
        BenchContext::spin(200); // the 5-minute history it loads first
        const int shard = captured.targets.constFirst().endpoint.shardId;
        QElapsedTimer timer;
        timer.start();
        dashboard.setWindow(DashboardWidget::Window::Day);
        BenchContext::waitUntil(
            [&] { return dashboard.tpsChart()->pointCount(shard) > DashboardWidget::pointsPerWindow / 2; }, 60000,
            QStringLiteral("the 24-hour history"));
        dashboard.repaint();
        ms << double(timer.nsecsElapsed()) / 1e6;

        // The floor: SQLite reading the same rows without grouping them (one sum per endpoint).
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench-floor"));
        db.setDatabaseName(path);
        db.open();
        timer.restart();
        for (const MetricTarget& t : captured.targets) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT sum(tps), sum(connections), max(lag_seconds) FROM samples "
                                         "WHERE endpoint_id = ? AND ts >= ? AND ts < ?"));
            query.addBindValue(t.endpoint.id);
            query.addBindValue(now - day);
            query.addBindValue(now + 1);
            query.exec();
            query.next();
        }
        floors << double(timer.nsecsElapsed()) / 1e6;
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("bench-floor"));
    }
    BenchContext::note(QStringLiteral("%1 endpoints x %2 samples, downsampled to %3 points per line")
                           .arg(captured.targets.size())
                           .arg(perEndpoint)
                           .arg(DashboardWidget::pointsPerWindow));
    context.report(QStringLiteral("chart.redraw_24h_ms"), BenchContext::median(ms), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

void stallWhilePolling(BenchContext& context)
{
    ConnectionParams base;
    const QList<MetricTarget> targets = loadTargets(context, &base);
    StallMeter meter;
    QList<double> stalls, floors, firstShows;
    for (int run = 0; run < context.runs(); ++run) {
        DashboardWidget dashboard;
        dashboard.resize(1400, 900);
        auto poller = std::make_unique<MetricsPoller>(base, targets);
        MetricsPoller* polling = poller.get();
        int sampled = 0;
        QObject::connect(polling, &MetricsPoller::sampled, polling, [&] { ++sampled; });
        dashboard.setFleet(targets, std::move(poller));
        // Shown and connected first: the first layout and paint of the window is not polling.
        meter.start();
        dashboard.show(); // polls every 2 s from now on
        BenchContext::waitUntil([&] { return sampled >= targets.size(); }, 60000, QStringLiteral("a first round"));
        firstShows << meter.stop().first;
        meter.start();
        BenchContext::waitUntil([&] { return sampled >= 4 * targets.size(); }, 60000,
                                QStringLiteral("three more rounds of samples"));
        const auto [stall, floor] = meter.stopWithFloor();
        stalls << stall;
        floors << floor;
    }
    BenchContext::note(QStringLiteral("%1 endpoints every 2 s; showing the dashboard and its first round: %2 ms")
                           .arg(targets.size())
                           .arg(BenchContext::median(firstShows), 0, 'f', 1));
    context.report(QStringLiteral("gui.max_stall.polling"), BenchContext::median(stalls), QStringLiteral("ms"),
                   BenchContext::median(floors));
}

const Benchmark::Registration serverTime(QStringLiteral("poll.server_ms"),
                                         QStringLiteral("server time per poll per endpoint (EXPLAIN ANALYZE)"),
                                         &serverTimePerPoll);
const Benchmark::Registration round64(QStringLiteral("poll.round_64_ms"),
                                      QStringLiteral("one polling round over 64 endpoints, in parallel"), &roundOf64);
const Benchmark::Registration round1000(QStringLiteral("poll.round_1000_ms"),
                                        QStringLiteral("one polling round over 1,000 endpoints, from one thread"),
                                        &roundOf1000);
const Benchmark::Registration guiTick(QStringLiteral("poll.gui_ms_per_tick"),
                                      QStringLiteral("GUI thread time per tick handling the samples of 16 shards"),
                                      &guiPerTick);
const Benchmark::Registration redraw(QStringLiteral("chart.redraw_24h_ms"),
                                     QStringLiteral("24 hours of 16 shards downsampled and drawn"), &redraw24h);
const Benchmark::Registration stall(QStringLiteral("gui.max_stall.polling"),
                                    QStringLiteral("longest gap between 1 ms timer ticks while the dashboard polls"),
                                    &stallWhilePolling);

} // namespace
