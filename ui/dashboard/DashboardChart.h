#pragma once

#include <QString>

class QChart;
class QChartView;
class QFont;
class QValueAxis;

// What the dashboard's charts (FleetLineChart, ShardBarChart) share: their frame, legend and
// value axis look the same, so one chart never looks out of place beside the others.
class DashboardChart {
public:
    // A chart with tight margins, square corners, the legend below in legendFont, and no
    // animations (they would redraw for every value that comes in).
    static QChart* create(const QString& title, const QFont& legendFont);
    // A value axis from 0 to 1 (until values come) with short labels.
    static QValueAxis* createValueAxis();
    // Shows chart in view, antialiased, at least minimumWidth wide and 180 high.
    static void show(QChartView* view, QChart* chart, int minimumWidth);
};
