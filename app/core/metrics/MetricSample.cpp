#include "metrics/MetricSample.h"

#include <array>
#include <cmath>
#include <limits>

namespace {

// Each figure once, in the order of MetricSample::Figure: its name, whether it is a rate, and
// where a sample holds it.
struct FigureSpec {
    const char* name;
    bool rate;
    double (*value)(const MetricSample&);
};
constexpr std::array<FigureSpec, MetricSample::FigureCount> Figures{{
    {"tps", true, [](const MetricSample& s) -> double { return s.tps; }},
    {"connections", false, [](const MetricSample& s) -> double { return s.connections; }},
    {"lock_waits", false, [](const MetricSample& s) -> double { return s.lockWaits; }},
    {"lag_seconds", false, [](const MetricSample& s) -> double { return s.lagSeconds; }},
    {"lag_bytes", false, [](const MetricSample& s) -> double { return double(s.lagBytes); }},
    {"cache_hit_ratio", true, [](const MetricSample& s) -> double { return s.cacheHitRatio; }},
    {"tuples_read_per_s", true, [](const MetricSample& s) -> double { return s.tuplesReadPerSec; }},
    {"tuples_written_per_s", true, [](const MetricSample& s) -> double { return s.tuplesWrittenPerSec; }},
    {"temp_bytes_per_s", true, [](const MetricSample& s) -> double { return s.tempBytesPerSec; }},
    {"deadlocks", true, [](const MetricSample& s) -> double { return double(s.deadlocks); }},
    {"oldest_xact_seconds", false, [](const MetricSample& s) -> double { return s.oldestXactSeconds; }},
}};

const FigureSpec& spec(MetricSample::Figure figure)
{
    return Figures[size_t(figure)];
}

} // namespace

QString MetricSample::figureName(Figure figure)
{
    return QString::fromLatin1(spec(figure).name);
}

bool MetricSample::isRate(Figure figure)
{
    return spec(figure).rate;
}

double MetricSample::figure(Figure figure) const
{
    if (!up || (isRate(figure) && !hasRates))
        return std::numeric_limits<double>::quiet_NaN();
    return spec(figure).value(*this);
}

MetricSample MetricSample::down(int endpointId, qint64 timestampMs, QString error)
{
    MetricSample sample;
    sample.endpointId = endpointId;
    sample.timestampMs = timestampMs;
    sample.error = std::move(error);
    return sample;
}
