#pragma once

#include "metrics/HistoryPoint.h"
#include "metrics/MetricSample.h"

#include "pg/SerialWorker.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class MetricsHistory;

// Keeps the metric history off the GUI thread: a MetricsHistory owned by a SerialWorker,
// fed with the samples in batches (one transaction every few seconds), pruned to 24 hours, and
// read back, downsampled, for the charts. Failures of the history (a full disk, a locked file)
// are reported by failed() and never stop the live charts.
class MetricsRecorder : public QObject {
    Q_OBJECT
public:
    static constexpr int flushIntervalMs = 5000;
    static constexpr qint64 pruneIntervalMs = 3600 * 1000;

    explicit MetricsRecorder(const QString& path, QObject* parent = nullptr);
    // Writes what is pending, then closes the file on its thread.
    ~MetricsRecorder() override;

    const QString& path() const { return m_path; }
    void record(const MetricSample& sample);
    // Sends what is pending to the worker now.
    void flush();

    using History = QHash<int, QList<HistoryPoint>>; // endpoint id -> its points
    // Reads the history of endpoints on the worker, after the samples recorded so far; done runs
    // on this object's thread, unless context is gone by then.
    void load(const QList<int>& endpointIds, qint64 fromMs, qint64 toMs, int maxPoints, QObject* context,
              std::function<void(const History&)> done);

signals:
    void failed(const QString& error);

private:
    struct Store;

    // Runs job on the worker with the open history; a failure is reported through failed().
    void post(std::function<void(MetricsHistory&)> job);

    QString m_path;
    std::shared_ptr<Store> m_store; // touched only by jobs on m_worker
    SerialWorker m_worker;
    QList<MetricSample> m_pending;
    QTimer m_flushTimer;
};
