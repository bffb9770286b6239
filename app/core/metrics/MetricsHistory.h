#pragma once

#include "metrics/HistoryPoint.h"
#include "metrics/MetricSample.h"

#include <QList>
#include <QString>

#include <array>

// The local history of the metrics: a SQLite file (Qt Sql) with one row per sample and one per
// endpoint and minute, kept for 24 hours, so that a dashboard opened again shows the last day at
// once. Blocking, and bound to the thread that created it (a QSqlDatabase connection is per
// thread): MetricsRecorder runs one on its own thread. Throws std::runtime_error when the file
// cannot be opened or written.
class MetricsHistory {
public:
    static constexpr qint64 retentionMs = 24 * 3600 * 1000;
    static constexpr qint64 minuteMs = 60 * 1000;
    // The figures kept, in the order of the columns of resources/sql/metrics/history_*.sql: the
    // charted ones and a few to read beside them. The others are NaN in a HistoryPoint.
    static constexpr std::array<MetricSample::Figure, 6> storedFigures{
        MetricSample::Figure::Tps,        MetricSample::Figure::Connections, MetricSample::Figure::LockWaits,
        MetricSample::Figure::LagSeconds, MetricSample::Figure::LagBytes,    MetricSample::Figure::CacheHitRatio};

    // Opens or creates the file (and its folder).
    explicit MetricsHistory(const QString& path);
    ~MetricsHistory();
    MetricsHistory(const MetricsHistory&) = delete;
    MetricsHistory& operator=(const MetricsHistory&) = delete;

    // The file for one fleet (e.g. its catalog's host:port/dbname) in
    // QStandardPaths::AppDataLocation: endpoint ids are only unique within a catalog.
    static QString defaultPath(const QString& fleet);

    // Samples that are up, in one transaction; down samples leave a gap.
    void append(const QList<MetricSample>& samples);
    // At most maxPoints buckets of equal width between fromMs and toMs, oldest first, averaged
    // and maximised in SQL; empty buckets are left out. Buckets of a minute or more are read
    // from the per-minute rows.
    QList<HistoryPoint> load(int endpointId, qint64 fromMs, qint64 toMs, int maxPoints) const;
    // Forgets samples older than nowMs - retentionMs; returns how many.
    int prune(qint64 nowMs);

    const QString& path() const { return m_path; }

private:
    QString m_path;
    QString m_connectionName; // unique per instance: QSqlDatabase connections are per thread
};
