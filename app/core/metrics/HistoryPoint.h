#pragma once

#include "metrics/MetricSample.h"

#include <array>

// One time bucket of an endpoint's history (MetricsHistory::load): the average and the maximum
// of each figure over the samples in it, NaN where it had none (rates of a first sample).
struct HistoryPoint {
    qint64 timestampMs = 0; // the middle of the bucket
    std::array<double, MetricSample::FigureCount> average{};
    std::array<double, MetricSample::FigureCount> maximum{};

    double averageOf(MetricSample::Figure figure) const { return average[size_t(figure)]; }
    double maximumOf(MetricSample::Figure figure) const { return maximum[size_t(figure)]; }
};
