#include "ui/dashboard/ChartLine.h"

#include <QChart>
#include <QLineSeries>
#include <QTest>
#include <QValueAxis>

// One chart line: values folded into buckets, the window trimmed from the front, history put
// in front of the live points, and a break wherever data stopped for a while.
class TestChartLine : public QObject {
    Q_OBJECT

private:
    QChart m_chart;
    QValueAxis* m_x = new QValueAxis;
    QValueAxis* m_y = new QValueAxis;

    std::unique_ptr<ChartLine> line(ChartLine::Aggregate aggregate, qint64 bucketMs)
    {
        auto l = std::make_unique<ChartLine>(&m_chart, QList<QAbstractAxis*>{m_x, m_y}, QStringLiteral("shard-1"),
                                             aggregate);
        l->reset(bucketMs);
        return l;
    }

private slots:
    void initTestCase()
    {
        m_chart.addAxis(m_x, Qt::AlignBottom);
        m_chart.addAxis(m_y, Qt::AlignLeft);
    }

    void valuesInOneBucketMakeOnePoint()
    {
        auto average = line(ChartLine::Aggregate::Average, 1000);
        average->add(10'000, 2);
        average->add(10'400, 4);
        average->add(11'000, 10);
        QCOMPARE(average->pointCount(), 2);
        QCOMPARE(average->legendSeries()->at(0), QPointF(10'400, 3)); // averaged, at the latest time
        auto maximum = line(ChartLine::Aggregate::Maximum, 1000);
        maximum->add(10'000, 2);
        maximum->add(10'400, 9);
        maximum->add(10'800, 4);
        QCOMPARE(maximum->legendSeries()->at(0).y(), 9.0);
        QCOMPARE(maximum->maximum(), 9.0);
    }

    void aGapBreaksTheLine()
    {
        auto l = line(ChartLine::Aggregate::Average, 1000);
        for (qint64 t = 0; t < 5000; t += 1000)
            l->add(t, 1);
        l->add(20'000, 5); // nothing for 15 s
        l->add(21'000, 6);
        QCOMPARE(l->runCount(), 2);
        QCOMPARE(l->pointCount(), 7);
        QCOMPARE(l->legendSeries()->count(), 5);
        QCOMPARE(m_chart.series().size() >= 2, true);
    }

    void trimmingDropsPointsAndEmptyRuns()
    {
        auto l = line(ChartLine::Aggregate::Average, 1000);
        for (qint64 t = 0; t < 5000; t += 1000)
            l->add(t, 1);
        for (qint64 t = 20'000; t < 23'000; t += 1000)
            l->add(t, 2);
        for (qint64 t = 40'000; t < 42'000; t += 1000)
            l->add(t, 3);
        QCOMPARE(l->runCount(), 3);
        l->trim(21'500);
        QCOMPARE(l->pointCount(), 3); // 22'000, 40'000 and 41'000
        QCOMPARE(l->runCount(), 3);   // the first, emptied, keeps the legend
        QCOMPARE(l->legendSeries()->count(), 0);
        l->trim(40'500);
        QCOMPARE(l->pointCount(), 1);
        QCOMPARE(l->runCount(), 2); // the middle one went
        QCOMPARE(l->maximum(), 3.0);
    }

    void historyGoesInFrontOfTheLivePoints()
    {
        auto l = line(ChartLine::Aggregate::Average, 1000);
        l->add(100'000, 7);
        l->add(101'000, 8);
        QList<QPointF> history;
        for (qint64 t = 90'000; t < 102'000; t += 1000)
            history.append(QPointF(double(t), 1)); // overlaps the live points: those are kept
        l->prependHistory(history);
        QCOMPARE(l->pointCount(), 12);
        QCOMPARE(l->runCount(), 1);
        QCOMPARE(l->legendSeries()->at(10), QPointF(100'000, 7));
        // Old history with a hole in it: two runs in front of the live one.
        l->prependHistory({QPointF(10'000, 1), QPointF(11'000, 1), QPointF(50'000, 2)});
        QCOMPARE(l->runCount(), 3);
        QCOMPARE(l->pointCount(), 15);
    }

    void resetEmptiesEverything()
    {
        auto l = line(ChartLine::Aggregate::Average, 1000);
        l->add(0, 1);
        l->add(10'000, 1);
        l->reset(2000);
        QCOMPARE(l->pointCount(), 0);
        QCOMPARE(l->runCount(), 1);
        QCOMPARE(l->maximum(), 0.0);
    }
};

QTEST_MAIN(TestChartLine)
#include "TestChartLine.moc"
