#pragma once

#include <QChartView>
#include <QStringList>

class QBarCategoryAxis;
class QBarSet;
class QValueAxis;

// Bars per shard: one set of bars, or several stacked (tenants by isolation model). Values are
// replaced in place, which redraws only the bars.
class ShardBarChart : public QChartView {
    Q_OBJECT
public:
    ShardBarChart(const QString& title, const QStringList& setNames, QWidget* parent = nullptr);

    // Replaces the shards; every bar at 0.
    void setShards(const QStringList& shards);
    // One bar per shard of a set, in one update (a bar at a time relayouts the chart each time).
    void setValues(int set, const QList<double>& values);
    void setValue(int shard, int set, double value);
    double value(int shard, int set) const;
    // The value axis title, e.g. the unit.
    void setUnit(const QString& unit);
    int shardCount() const { return m_shards.size(); }

private:
    void rescale();

    QStringList m_shards;
    QList<QBarSet*> m_sets;
    QBarCategoryAxis* m_categoryAxis;
    QValueAxis* m_valueAxis;
};
