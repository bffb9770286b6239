#pragma once

#include <QList>
#include <QPointF>
#include <QString>

#include <deque>
#include <limits>

class QAbstractAxis;
class QChart;
class QLineSeries;

// One line of a FleetLineChart, kept cheap to redraw: values are folded into time buckets (one
// point per bucket, the last one updated in place while its bucket is open), points that leave
// the window are dropped from the front, and history comes in as already-downsampled points.
// Where no data came for a while (the dashboard was hidden, every endpoint of the shard was
// down) the line breaks instead of drawing a straight line across: QLineSeries cannot break,
// so each unbroken run is a series of its own, in the same colour, and only the first is in
// the legend.
class ChartLine {
public:
    // How values within one bucket become its point: load is averaged, lag shows its worst.
    enum class Aggregate { Average, Maximum };

    // Adds its first series, named name, to chart, attached to axes.
    ChartLine(QChart* chart, const QList<QAbstractAxis*>& axes, const QString& name, Aggregate aggregate);
    // Removes its series from the chart.
    ~ChartLine();
    ChartLine(const ChartLine&) = delete;
    ChartLine& operator=(const ChartLine&) = delete;

    // The series that carries the legend entry (and the first run of points).
    QLineSeries* legendSeries() const { return m_runs.front(); }
    int pointCount() const;
    int runCount() const { return int(m_runs.size()); }

    // Empties the line; later values are folded into buckets of bucketMs.
    void reset(qint64 bucketMs);
    void add(qint64 timestampMs, double value);
    // Points from the history, oldest first; those not older than the line's first point are
    // skipped (the live values are newer and finer).
    void prependHistory(const QList<QPointF>& points);
    // Drops the points before fromMs.
    void trim(qint64 fromMs);
    // The largest value shown, 0 for an empty line.
    double maximum() const;

private:
    // A gap longer than this between two points breaks the line.
    qint64 gapMs() const { return m_bucketMs * 5 / 2; }
    QLineSeries* addRun();
    void removeRunsAfterFirst();

    QChart* m_chart;
    QList<QAbstractAxis*> m_axes;
    Aggregate m_aggregate;
    std::deque<QLineSeries*> m_runs; // oldest first; the first is never removed
    qint64 m_bucketMs = 1;
    qint64 m_bucket = std::numeric_limits<qint64>::min(); // of the last point
    double m_sum = 0;
    int m_count = 0;
};
