#include "CliCommand.h"
#include "CliMetricsOptions.h"
#include "metrics/EndpointHealth.h"
#include "metrics/EndpointSampler.h"
#include "metrics/MetricsPoller.h"
#include "pg/ParallelRunner.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QTimer>

#include <cmath>
#include <thread>

// tenantctl sample [--once] [--json]: the figures of every endpoint, one line per endpoint, for
// scripts and monitoring systems. --once samples each endpoint twice, an interval apart and all
// in parallel (rates need two readings), prints, and exits; otherwise it prints as the dashboard
// polls, until interrupted or --iterations.

namespace {

QJsonValue rate(bool hasRates, double value)
{
    return hasRates ? QJsonValue(value) : QJsonValue();
}

QJsonValue size(qint64 bytes)
{
    return bytes >= 0 ? QJsonValue(bytes) : QJsonValue();
}

QJsonObject toJson(const MetricTarget& target, const MetricSample& s)
{
    QJsonObject o{{QStringLiteral("endpoint"), target.endpoint.id},     {QStringLiteral("shard"), target.shardName},
                  {QStringLiteral("role"), target.endpoint.roleName()}, {QStringLiteral("host"), target.endpoint.host},
                  {QStringLiteral("port"), target.endpoint.port},       {QStringLiteral("up"), s.up}};
    if (!s.up) {
        o.insert(QStringLiteral("error"), s.error);
        return o;
    }
    const EndpointHealth health = EndpointHealth::of(target, s);
    o.insert(QStringLiteral("timestamp"),
             QDateTime::fromMSecsSinceEpoch(s.timestampMs, QTimeZone::utc()).toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("health"), EndpointHealth::stateName(health.state()));
    o.insert(QStringLiteral("health_reason"), health.reason());
    o.insert(QStringLiteral("in_recovery"), s.inRecovery);
    o.insert(QStringLiteral("elapsed_seconds"), rate(s.hasRates, s.elapsedSeconds));
    for (int f = 0; f < MetricSample::FigureCount; ++f) {
        const double value = s.figure(MetricSample::Figure(f));
        o.insert(MetricSample::figureName(MetricSample::Figure(f)),
                 std::isnan(value) ? QJsonValue() : QJsonValue(value));
    }
    QJsonObject states;
    for (const MetricSample::ConnectionState& state : s.connectionsByState)
        states.insert(state.state, state.count);
    o.insert(QStringLiteral("connections_by_state"), states);
    o.insert(QStringLiteral("streaming_replicas"), s.streamingReplicas);
    o.insert(QStringLiteral("size_bytes"), size(s.totalSizeBytes));
    QJsonArray databases;
    for (const MetricSample::Database& d : s.databases)
        databases.append(QJsonObject{{QStringLiteral("name"), d.name},
                                     {QStringLiteral("tps"), rate(s.hasRates, d.tps)},
                                     {QStringLiteral("tuples_read_per_s"), rate(s.hasRates, d.tuplesReadPerSec)},
                                     {QStringLiteral("tuples_written_per_s"), rate(s.hasRates, d.tuplesWrittenPerSec)},
                                     {QStringLiteral("size_bytes"), size(d.sizeBytes)}});
    o.insert(QStringLiteral("databases"), databases);
    QJsonArray tenants;
    for (const MetricSample::Tenant& t : s.tenants) {
        QJsonObject tenant{{QStringLiteral("slug"), t.slug},
                           {QStringLiteral("model"), toString(t.model)},
                           {QStringLiteral("measurable"), t.measurable}};
        if (t.measurable) {
            tenant.insert(QStringLiteral("tuples_read_per_s"), rate(t.hasRates, t.tuplesReadPerSec));
            tenant.insert(QStringLiteral("tuples_written_per_s"), rate(t.hasRates, t.tuplesWrittenPerSec));
            tenant.insert(QStringLiteral("size_bytes"), size(t.sizeBytes));
        } else {
            tenant.insert(QStringLiteral("why"), QStringLiteral("rows share tables with other tenants; PostgreSQL "
                                                                "counts per table"));
        }
        tenants.append(tenant);
    }
    o.insert(QStringLiteral("tenants"), tenants);
    return o;
}

// The text form: the endpoint, then name=value for the figures it has.
QString toText(const MetricTarget& target, const MetricSample& s)
{
    QString line = target.label();
    if (!s.up)
        return line + QStringLiteral(" down: ") + s.error;
    line += QStringLiteral(" up");
    for (int f = 0; f < MetricSample::FigureCount; ++f) {
        const double value = s.figure(MetricSample::Figure(f));
        if (!std::isnan(value))
            line += u' ' + MetricSample::figureName(MetricSample::Figure(f)) + u'=' + QString::number(value, 'g', 6);
    }
    return line;
}

void print(const MetricTarget& target, const MetricSample& sample, bool json)
{
    if (json)
        cliOut() << QString::fromUtf8(QJsonDocument(toJson(target, sample)).toJson(QJsonDocument::Compact)) << '\n';
    else
        cliOut() << toText(target, sample) << '\n';
    cliOut().flush();
}

// Samples taken at once against one server (each a connection of its own, for an interval).
constexpr int MaxSamplesPerServer = 16;

// Two readings of every endpoint, interval apart, all endpoints at once (up to the runner's bounds).
int sampleOnce(const CliMetricsOptions& options, bool json)
{
    const QList<MetricTarget>& targets = options.targets();
    QList<MetricSample> samples(targets.size());
    ParallelRunner runner(ParallelRunner::PoolThreads, MaxSamplesPerServer);
    for (qsizetype i = 0; i < targets.size(); ++i) {
        const MetricTarget& target = targets.at(i);
        runner.run<MetricSample>(
            target.endpoint.host + u':' + QString::number(target.endpoint.port),
            [&options, target] {
                // The first two samples both measure the schema tenants, and the first the sizes.
                EndpointSampler sampler(target, options.base());
                const MetricSample first = sampler.sample();
                if (!first.up)
                    return first;
                std::this_thread::sleep_for(std::chrono::milliseconds(options.intervalMs()));
                return sampler.sample();
            },
            &runner, [&samples, i](Outcome<MetricSample> r) { samples[i] = *r.value; }); // sample() never throws
    }
    QObject::connect(&runner, &ParallelRunner::idle, QCoreApplication::instance(), &QCoreApplication::quit);
    if (!runner.isIdle())
        QCoreApplication::exec();
    bool allUp = true;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        allUp = allUp && samples.at(i).up;
        print(targets.at(i), samples.at(i), json);
    }
    return allUp ? 0 : 1;
}

int sampleContinuously(const CliMetricsOptions& options, bool json)
{
    MetricsPoller poller(options.base(), options.targets());
    poller.setInterval(options.intervalMs());
    QHash<int, MetricTarget> byId;
    for (const MetricTarget& target : options.targets())
        byId.insert(target.endpoint.id, target);
    int rounds = 0;
    QObject::connect(&poller, &MetricsPoller::sampled,
                     [&](const MetricSample& sample) { print(byId.value(sample.endpointId), sample, json); });
    QObject::connect(&poller, &MetricsPoller::endpointDown, [&](int id, const QString& error) {
        print(byId.value(id), MetricSample::down(id, QDateTime::currentMSecsSinceEpoch(), error), json);
    });
    QTimer roundTimer;
    QObject::connect(&roundTimer, &QTimer::timeout, [&] {
        if (options.iterations() > 0 && ++rounds >= options.iterations())
            QCoreApplication::quit();
    });
    // Each round ends half an interval after the poller's tick, when the samples are in.
    QTimer::singleShot(options.intervalMs() / 2, &roundTimer, [&] { roundTimer.start(options.intervalMs()); });
    poller.resume();
    return QCoreApplication::exec();
}

} // namespace

int runSample(const QStringList& args)
{
    const QCommandLineOption once(QStringLiteral("once"), QStringLiteral("Sample once, print, and exit."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("One JSON object per endpoint and line."));
    CliMetricsOptions options(
        1.0, args,
        {.usage = QStringLiteral("sample [--once] [--json] [options]"),
         .description = QStringLiteral(
             "Samples every endpoint of the fleet (primaries and replicas) and prints one line per endpoint:\n"
             "transactions/s, connections by state, waiting locks, cache hit ratio, tuples read and written,\n"
             "temp bytes, deadlocks, database sizes, replication lag, the oldest transaction, per-tenant load.\n"
             "Rates need two readings: --once takes them an interval apart. Exits 1 when an endpoint is down."),
         .options = {once, json}});
    if (const std::optional<int> exit = options.loadFleet())
        return *exit;
    const bool asJson = options.commandLine().isSet(json);
    return options.commandLine().isSet(once) ? sampleOnce(options, asJson) : sampleContinuously(options, asJson);
}
