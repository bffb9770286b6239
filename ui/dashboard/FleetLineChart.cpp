#include "ui/dashboard/FleetLineChart.h"

#include "ui/dashboard/DashboardChart.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

FleetLineChart::FleetLineChart(const QString& title, const QString& unit, ChartLine::Aggregate aggregate,
                               QWidget* parent)
    : QChartView(parent)
    , m_unit(unit)
    , m_aggregate(aggregate)
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(DashboardChart::createValueAxis())
{
    QChart* chart = DashboardChart::create(title, font());
    m_valueAxis->setTickType(QValueAxis::TicksDynamic);
    m_valueAxis->setTickAnchor(0);
    m_valueAxis->setTitleText(unit);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    DashboardChart::show(this, chart, 200);
}

void FleetLineChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    // A label is "HH:mm:ss" plus room on either side; the plot is a little narrower than the view.
    const int labelWidth = fontMetrics().horizontalAdvance(QStringLiteral("00:00:00")) * 2;
    m_timeAxis->setTickCount(std::clamp((width() - 60) / labelWidth + 1, 2, 7));
}

FleetLineChart::~FleetLineChart() = default;

void FleetLineChart::setLines(const QList<std::pair<int, QString>>& lines)
{
    m_lines.clear();
    for (const auto& [key, name] : lines) {
        auto line = std::make_unique<ChartLine>(chart(), QList<QAbstractAxis*>{m_timeAxis, m_valueAxis}, name,
                                                m_aggregate);
        line->reset(m_bucketMs);
        m_lines[key] = std::move(line);
    }
}

void FleetLineChart::setWindow(qint64 windowMs, qint64 bucketMs)
{
    m_windowMs = windowMs;
    m_bucketMs = bucketMs;
    // Seconds only where a window is short enough for them to matter.
    m_timeAxis->setFormat(windowMs <= 15 * 60 * 1000 ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
    for (auto& [key, line] : m_lines)
        line->reset(bucketMs);
}

void FleetLineChart::add(int key, qint64 timestampMs, double value)
{
    const auto it = m_lines.find(key);
    if (it != m_lines.end() && std::isfinite(value))
        it->second->add(timestampMs, value);
}

void FleetLineChart::prependHistory(int key, const QList<QPointF>& points)
{
    const auto it = m_lines.find(key);
    if (it != m_lines.end())
        it->second->prependHistory(points);
}

void FleetLineChart::advance(qint64 nowMs)
{
    const qint64 from = nowMs - m_windowMs;
    double maximum = 0;
    for (auto& [key, line] : m_lines) {
        line->trim(from);
        maximum = qMax(maximum, line->maximum());
    }
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from), QDateTime::fromMSecsSinceEpoch(nowMs));
    // Headroom above the highest value, and ticks on a 1-2-5 step (at most five of them) so
    // that the labels stay round numbers: 0, 2, 4, 6, not 0, 1.25, 2.5.
    const double top = maximum > 0 ? maximum * 1.1 : 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(top / 5)));
    double tick = magnitude;
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        tick = factor * magnitude;
        if (top / tick <= 5)
            break;
    }
    m_valueAxis->setTickInterval(tick);
    m_valueAxis->setRange(0, std::ceil(top / tick) * tick);
}

QLineSeries* FleetLineChart::series(int key) const
{
    const auto it = m_lines.find(key);
    return it != m_lines.end() ? it->second->legendSeries() : nullptr;
}

int FleetLineChart::pointCount(int key) const
{
    const auto it = m_lines.find(key);
    return it != m_lines.end() ? it->second->pointCount() : 0;
}

int FleetLineChart::runCount(int key) const
{
    const auto it = m_lines.find(key);
    return it != m_lines.end() ? it->second->runCount() : 0;
}
