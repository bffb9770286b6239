#pragma once

#include "ui/dashboard/ChartLine.h"

#include <QChartView>
#include <QString>

#include <map>
#include <memory>

class QDateTimeAxis;
class QValueAxis;

// A live line chart over a time window: one line per shard (or per replica), fed a value per
// line and frame, with history prepended when it has been read. The x axis ends at the latest
// frame; the y axis grows and shrinks with the values shown.
class FleetLineChart : public QChartView {
    Q_OBJECT
public:
    FleetLineChart(const QString& title, const QString& unit, ChartLine::Aggregate aggregate,
                   QWidget* parent = nullptr);
    ~FleetLineChart() override;

    // Replaces the lines: key (a shard or endpoint id) and legend name.
    void setLines(const QList<std::pair<int, QString>>& lines);
    // Empties every line and shows windowMs, folding values into buckets of bucketMs.
    void setWindow(qint64 windowMs, qint64 bucketMs);
    qint64 windowMs() const { return m_windowMs; }

    void add(int key, qint64 timestampMs, double value);
    void prependHistory(int key, const QList<QPointF>& points);
    // Moves the window to end at nowMs: drops what left it and rescales the axes.
    void advance(qint64 nowMs);

    // The series of a line that carries its legend entry; null for an unknown key.
    QLineSeries* series(int key) const;
    // Points of a line over all its unbroken runs, and how many runs it has.
    int pointCount(int key) const;
    int runCount(int key) const;
    bool hasLine(int key) const { return m_lines.count(key) > 0; }

protected:
    // As many time labels as fit the width, so that none is cut short.
    void resizeEvent(QResizeEvent* event) override;

private:
    QString m_unit;
    ChartLine::Aggregate m_aggregate;
    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_valueAxis;
    std::map<int, std::unique_ptr<ChartLine>> m_lines;
    qint64 m_windowMs = 5 * 60 * 1000;
    qint64 m_bucketMs = 2000;
};
