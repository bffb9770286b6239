#include "metrics/MetricsHistory.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

// The local SQLite history of the metrics: batches in, downsampled buckets out, 24 hours kept.
class TestMetricsHistory : public QObject {
    Q_OBJECT

private:
    static constexpr qint64 start = 1'700'000'040'000; // a fixed wall-clock time on a minute, ms

    static MetricSample sample(int endpoint, qint64 ts, double tps, int connections, double lag, bool hasRates = true)
    {
        MetricSample s;
        s.endpointId = endpoint;
        s.timestampMs = ts;
        s.up = true;
        s.hasRates = hasRates;
        s.tps = tps;
        s.connections = connections;
        s.lagSeconds = lag;
        return s;
    }

    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void loadsWhatWasAppended()
    {
        MetricsHistory history(path("append.sqlite"));
        QList<MetricSample> batch;
        for (int i = 0; i < 10; ++i)
            batch.append(sample(1, start + i * 2000, i, 10 + i, 0.5));
        batch.append(sample(2, start, 99, 99, 9)); // another endpoint stays apart
        history.append(batch);
        const QList<HistoryPoint> points = history.load(1, start, start + 20000, 100);
        QCOMPARE(points.size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(points[i].averageOf(MetricSample::Figure::Tps), double(i));
            QCOMPARE(points[i].averageOf(MetricSample::Figure::Connections), double(10 + i));
        }
        QVERIFY(points.first().timestampMs >= start && points.last().timestampMs < start + 20000);
        QCOMPARE(history.load(2, start, start + 20000, 100).size(), 1);
    }

    void downsamplesIntoBucketsWithAverageAndMaximum()
    {
        MetricsHistory history(path("buckets.sqlite"));
        QList<MetricSample> batch;
        // One hour at 2 s: 1800 samples; tps cycles 0..9, lag peaks once per bucket.
        for (int i = 0; i < 1800; ++i)
            batch.append(sample(7, start + qint64(i) * 2000, i % 10, 5, i % 180 == 17 ? 30.0 : 1.0));
        history.append(batch);
        const QList<HistoryPoint> points = history.load(7, start, start + 3600 * 1000, 10);
        QCOMPARE(points.size(), 10);
        for (const HistoryPoint& point : points) {
            QCOMPARE(point.averageOf(MetricSample::Figure::Tps), 4.5);
            QCOMPARE(point.maximumOf(MetricSample::Figure::Tps), 9.0);
            QCOMPARE(point.maximumOf(MetricSample::Figure::LagSeconds), 30.0);
            QVERIFY(point.averageOf(MetricSample::Figure::LagSeconds) < 2);
        }
        // Bucket timestamps are the middles of equal buckets from the start.
        QCOMPARE(points[0].timestampMs, start + 180'000);
        QCOMPARE(points[1].timestampMs - points[0].timestampMs, qint64(360'000));
        // Figures that are not kept are not made up.
        QVERIFY(std::isnan(points[0].averageOf(MetricSample::Figure::TempBytesPerSec)));
    }

    void shortBucketsReadTheSamplesLongOnesTheMinutes()
    {
        MetricsHistory history(path("minutes.sqlite"));
        QList<MetricSample> batch;
        // A day at 2 s for one endpoint, with tps rising through the day.
        for (qint64 i = 0; i < 43'200; ++i)
            batch.append(sample(9, start + i * 2000, double(i / 1800), 3, i == 20'000 ? 99.0 : 0.0));
        history.append(batch);
        const QList<HistoryPoint> day = history.load(9, start, start + MetricsHistory::retentionMs, 600);
        QCOMPARE(day.size(), 600); // 144 s buckets from the per-minute rows
        QCOMPARE(day.first().averageOf(MetricSample::Figure::Tps), 0.0);
        QCOMPARE(day.last().averageOf(MetricSample::Figure::Tps), 23.0);
        QCOMPARE(day[277].maximumOf(MetricSample::Figure::LagSeconds), 99.0); // sample 20,000 at 40,000 s
        QCOMPARE(day[277].averageOf(MetricSample::Figure::Connections), 3.0);
        // The same hour from the samples (6 s buckets) and from the minutes (60 s) agree on average.
        const qint64 hour = start + 3 * 3600 * 1000;
        const QList<HistoryPoint> fine = history.load(9, hour, hour + 3600 * 1000, 600);
        const QList<HistoryPoint> coarse = history.load(9, hour, hour + 3600 * 1000, 60);
        QCOMPARE(fine.size(), 600);
        QCOMPARE(coarse.size(), 60);
        QCOMPARE(fine[0].averageOf(MetricSample::Figure::Tps), 3.0);
        QCOMPARE(coarse[0].averageOf(MetricSample::Figure::Tps), 3.0);
    }

    void ratesMissingFromASampleAreNotAveragedAsZero()
    {
        MetricsHistory history(path("nulls.sqlite"));
        history.append({sample(3, start, 100, 1, 0, false), sample(3, start + 1000, 10, 1, 0)});
        const QList<HistoryPoint> points = history.load(3, start, start + 2000, 1);
        QCOMPARE(points.size(), 1);
        QCOMPARE(points[0].averageOf(MetricSample::Figure::Tps), 10.0);
        QCOMPARE(points[0].averageOf(MetricSample::Figure::Connections), 1.0);
    }

    void downSamplesLeaveAGap()
    {
        MetricsHistory history(path("down.sqlite"));
        history.append({MetricSample::down(4, start, QStringLiteral("connection refused"))});
        QVERIFY(history.load(4, start - 1000, start + 1000, 10).isEmpty());
    }

    void prunesWhatIsOlderThanADay()
    {
        MetricsHistory history(path("prune.sqlite"));
        const qint64 now = start + MetricsHistory::retentionMs + 3600 * 1000;
        history.append({sample(5, start, 1, 1, 0), sample(5, start + 1800 * 1000, 1, 1, 0),
                        sample(5, now - 1000, 1, 1, 0), sample(6, start, 1, 1, 0)});
        QCOMPARE(history.prune(now), 3);
        QCOMPARE(history.load(5, 0, now, 10).size(), 1);
        QCOMPARE(history.load(6, 0, now, 10).size(), 0);
    }

    void survivesReopeningAndSharesAFileBetweenConnections()
    {
        {
            MetricsHistory first(path("reopen.sqlite"));
            first.append({sample(8, start, 42, 1, 0)});
        }
        MetricsHistory reopened(path("reopen.sqlite"));
        MetricsHistory second(path("reopen.sqlite")); // a second connection, with a name of its own
        QCOMPARE(reopened.load(8, start, start + 1, 1).value(0).averageOf(MetricSample::Figure::Tps), 42.0);
        QCOMPARE(second.load(8, start, start + 1, 1).size(), 1);
    }

    void aFileThatCannotBeOpenedIsAnError()
    {
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 MetricsHistory(QStringLiteral("/proc/no/such/dir/history.sqlite")));
    }
};

QTEST_GUILESS_MAIN(TestMetricsHistory)
#include "TestMetricsHistory.moc"
