#include "ui/dashboard/ChartLine.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>

ChartLine::ChartLine(QChart* chart, const QList<QAbstractAxis*>& axes, const QString& name, Aggregate aggregate)
    : m_chart(chart)
    , m_axes(axes)
    , m_aggregate(aggregate)
{
    auto* first = new QLineSeries;
    first->setName(name);
    m_chart->addSeries(first);
    for (QAbstractAxis* axis : std::as_const(m_axes))
        first->attachAxis(axis);
    m_runs.push_back(first);
}

ChartLine::~ChartLine()
{
    for (QLineSeries* run : m_runs) {
        m_chart->removeSeries(run);
        delete run;
    }
}

int ChartLine::pointCount() const
{
    int count = 0;
    for (const QLineSeries* run : m_runs)
        count += run->count();
    return count;
}

QLineSeries* ChartLine::addRun()
{
    auto* run = new QLineSeries;
    m_chart->addSeries(run);
    for (QAbstractAxis* axis : std::as_const(m_axes))
        run->attachAxis(axis);
    run->setPen(m_runs.front()->pen()); // the colour the theme gave the first
    const QList<QLegendMarker*> markers = m_chart->legend()->markers(run);
    for (QLegendMarker* marker : markers)
        marker->setVisible(false);
    m_runs.push_back(run);
    return run;
}

void ChartLine::removeRunsAfterFirst()
{
    while (m_runs.size() > 1) {
        m_chart->removeSeries(m_runs.back());
        delete m_runs.back();
        m_runs.pop_back();
    }
}

void ChartLine::reset(qint64 bucketMs)
{
    removeRunsAfterFirst();
    m_runs.front()->clear();
    m_bucketMs = qMax<qint64>(1, bucketMs);
    m_bucket = std::numeric_limits<qint64>::min();
    m_sum = 0;
    m_count = 0;
}

void ChartLine::add(qint64 timestampMs, double value)
{
    QLineSeries* run = m_runs.back();
    const qint64 bucket = timestampMs / m_bucketMs;
    if (bucket == m_bucket && run->count() > 0) {
        // Same bucket: move its point to the latest time and fold the value in.
        m_sum = m_aggregate == Aggregate::Average ? m_sum + value : qMax(m_sum, value);
        ++m_count;
        const double shown = m_aggregate == Aggregate::Average ? m_sum / m_count : m_sum;
        run->replace(run->count() - 1, QPointF(double(timestampMs), shown));
        return;
    }
    if (run->count() > 0 && double(timestampMs) - run->at(run->count() - 1).x() > double(gapMs()))
        run = addRun();
    m_bucket = bucket;
    m_sum = value;
    m_count = 1;
    run->append(double(timestampMs), value);
}

void ChartLine::prependHistory(const QList<QPointF>& points)
{
    double firstLive = std::numeric_limits<double>::max();
    for (const QLineSeries* run : m_runs) {
        if (run->count() > 0) {
            firstLive = run->at(0).x();
            break;
        }
    }
    QList<QPointF> all;
    for (const QPointF& point : points) {
        if (point.x() < firstLive)
            all.append(point);
    }
    if (all.isEmpty())
        return;
    for (const QLineSeries* run : m_runs)
        all.append(run->points());
    // Rebuilt run by run, one replace() each: a single repaint instead of one per point.
    removeRunsAfterFirst();
    QList<QPointF> current;
    QLineSeries* run = m_runs.front();
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (!current.isEmpty() && all[i].x() - current.constLast().x() > double(gapMs())) {
            run->replace(current);
            current.clear();
            run = addRun();
        }
        current.append(all[i]);
    }
    run->replace(current);
}

void ChartLine::trim(qint64 fromMs)
{
    for (size_t i = 0; i < m_runs.size();) {
        QLineSeries* run = m_runs[i];
        int drop = 0;
        while (drop < run->count() && run->at(drop).x() < double(fromMs))
            ++drop;
        if (drop == 0 && run->count() > 0)
            break; // this run and the later ones are all in the window
        if (drop == 0) {
            ++i; // the emptied first run
            continue;
        }
        if (drop < run->count() || i == 0 || i + 1 == m_runs.size()) {
            // The first run keeps the legend entry and the last takes new points: emptied, not removed.
            run->removePoints(0, drop);
            if (run->count() > 0)
                break;
            ++i;
            continue;
        }
        m_chart->removeSeries(run);
        delete run;
        m_runs.erase(m_runs.begin() + qsizetype(i));
    }
}

double ChartLine::maximum() const
{
    double maximum = 0;
    for (const QLineSeries* run : m_runs) {
        for (int i = 0; i < run->count(); ++i)
            maximum = qMax(maximum, run->at(i).y());
    }
    return maximum;
}
