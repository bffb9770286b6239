#include "metrics/MetricSample.h"

#include <cmath>
#include <limits>

QString MetricSample::figureName(Figure figure)
{
    static const std::array<const char*, FigureCount> names{"tps",
                                                            "connections",
                                                            "lock_waits",
                                                            "lag_seconds",
                                                            "lag_bytes",
                                                            "cache_hit_ratio",
                                                            "tuples_read_per_s",
                                                            "tuples_written_per_s",
                                                            "temp_bytes_per_s",
                                                            "deadlocks",
                                                            "oldest_xact_seconds"};
    return QString::fromLatin1(names[size_t(figure)]);
}

bool MetricSample::isRate(Figure figure)
{
    switch (figure) {
    case Figure::Tps:
    case Figure::CacheHitRatio:
    case Figure::TuplesReadPerSec:
    case Figure::TuplesWrittenPerSec:
    case Figure::TempBytesPerSec:
    case Figure::Deadlocks:
        return true;
    default:
        return false;
    }
}

double MetricSample::figure(Figure figure) const
{
    if (!up || (isRate(figure) && !hasRates))
        return std::numeric_limits<double>::quiet_NaN();
    switch (figure) {
    case Figure::Tps:
        return tps;
    case Figure::Connections:
        return connections;
    case Figure::LockWaits:
        return lockWaits;
    case Figure::LagSeconds:
        return lagSeconds;
    case Figure::LagBytes:
        return double(lagBytes);
    case Figure::CacheHitRatio:
        return cacheHitRatio;
    case Figure::TuplesReadPerSec:
        return tuplesReadPerSec;
    case Figure::TuplesWrittenPerSec:
        return tuplesWrittenPerSec;
    case Figure::TempBytesPerSec:
        return tempBytesPerSec;
    case Figure::Deadlocks:
        return double(deadlocks);
    case Figure::OldestXactSeconds:
        return oldestXactSeconds;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

MetricSample MetricSample::down(int endpointId, qint64 timestampMs, QString error)
{
    MetricSample sample;
    sample.endpointId = endpointId;
    sample.timestampMs = timestampMs;
    sample.error = std::move(error);
    return sample;
}
