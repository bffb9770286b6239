#include "ui/dashboard/ShardBarChart.h"

#include "ui/dashboard/DashboardChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QStackedBarSeries>
#include <QValueAxis>

#include <cmath>

ShardBarChart::ShardBarChart(const QString& title, const QStringList& setNames, QWidget* parent)
    : QChartView(parent)
    , m_categoryAxis(new QBarCategoryAxis)
    , m_valueAxis(DashboardChart::createValueAxis())
{
    QChart* chart = DashboardChart::create(title, font());
    chart->legend()->setVisible(setNames.size() > 1);
    chart->legend()->setMarkerShape(QLegend::MarkerShapeCircle);
    // Stacked: with one set it draws plain bars, with several the total per shard.
    auto* series = new QStackedBarSeries;
    for (const QString& name : setNames) {
        auto* set = new QBarSet(name);
        m_sets.append(set);
        series->append(set);
    }
    chart->addSeries(series);
    // Shard names are short; Qt's guess of the room under a bar cuts them all the same.
    m_categoryAxis->setTruncateLabels(false);
    chart->addAxis(m_categoryAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    series->attachAxis(m_categoryAxis);
    series->attachAxis(m_valueAxis);
    DashboardChart::show(this, chart, 180);
}

void ShardBarChart::setShards(const QStringList& shards)
{
    m_shards = shards;
    m_categoryAxis->clear();
    m_categoryAxis->append(shards);
    for (int set = 0; set < m_sets.size(); ++set)
        setValues(set, QList<double>(shards.size(), 0.0));
}

void ShardBarChart::setValues(int set, const QList<double>& values)
{
    QBarSet* bars = m_sets.value(set);
    if (!bars)
        return;
    bars->remove(0, bars->count());
    bars->append(QList<qreal>(values.begin(), values.end()));
    rescale();
}

void ShardBarChart::setValue(int shard, int set, double value)
{
    if (shard < 0 || shard >= m_shards.size() || set < 0 || set >= m_sets.size() || m_sets[set]->at(shard) == value)
        return;
    m_sets[set]->replace(shard, value);
    rescale();
}

double ShardBarChart::value(int shard, int set) const
{
    return m_sets.value(set) ? m_sets[set]->at(shard) : 0;
}

void ShardBarChart::setUnit(const QString& unit)
{
    m_valueAxis->setTitleText(unit);
}

void ShardBarChart::rescale()
{
    double maximum = 0;
    for (qsizetype shard = 0; shard < m_shards.size(); ++shard) {
        double total = 0;
        for (QBarSet* set : std::as_const(m_sets))
            total += set->at(shard);
        maximum = qMax(maximum, total);
    }
    m_valueAxis->setRange(0, maximum > 0 ? maximum * 1.1 : 1);
    m_valueAxis->applyNiceNumbers();
}
