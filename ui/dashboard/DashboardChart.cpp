#include "ui/dashboard/DashboardChart.h"

#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QLegend>
#include <QValueAxis>

QChart* DashboardChart::create(const QString& title, const QFont& legendFont)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(legendFont);
    return chart;
}

QValueAxis* DashboardChart::createValueAxis()
{
    auto* axis = new QValueAxis;
    axis->setLabelFormat(QStringLiteral("%.3g"));
    axis->setRange(0, 1);
    return axis;
}

void DashboardChart::show(QChartView* view, QChart* chart, int minimumWidth)
{
    view->setChart(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(minimumWidth, 180);
}
