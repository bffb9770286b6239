#include "metrics/MetricsRecorder.h"

#include "metrics/MetricsHistory.h"

#include <QDateTime>
#include <QPointer>

// The history and when it was last pruned; opened on first use on the worker thread, since
// a SQLite connection belongs to the thread that opened it.
struct MetricsRecorder::Store {
    QString path;
    std::unique_ptr<MetricsHistory> history;
    qint64 prunedAt = 0;

    MetricsHistory& open()
    {
        if (!history)
            history = std::make_unique<MetricsHistory>(path);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - prunedAt >= pruneIntervalMs) {
            history->prune(now);
            prunedAt = now;
        }
        return *history;
    }
};

MetricsRecorder::MetricsRecorder(const QString& path, QObject* parent)
    : QObject(parent)
    , m_path(path)
    , m_store(std::make_shared<Store>())
    , m_worker(QStringLiteral("metrics history"), QThread::LowPriority)
{
    m_store->path = path;
    m_flushTimer.setInterval(flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &MetricsRecorder::flush);
}

MetricsRecorder::~MetricsRecorder()
{
    // The worker runs these before it stops: a SQLite connection is closed on its own thread.
    flush();
    m_worker.run<void>([store = m_store] { store->history.reset(); }, nullptr, {});
}

void MetricsRecorder::record(const MetricSample& sample)
{
    if (!sample.up)
        return;
    m_pending.append(sample);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void MetricsRecorder::flush()
{
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    post([batch = std::exchange(m_pending, {})](MetricsHistory& history) { history.append(batch); });
}

void MetricsRecorder::load(const QList<int>& endpointIds, qint64 fromMs, qint64 toMs, int maxPoints, QObject* context,
                           std::function<void(const History&)> done)
{
    flush();
    QPointer<QObject> guard(context);
    m_worker.run<History>(
        [store = m_store, endpointIds, fromMs, toMs, maxPoints] {
            MetricsHistory& history = store->open();
            History loaded;
            for (int id : endpointIds)
                loaded.insert(id, history.load(id, fromMs, toMs, maxPoints));
            return loaded;
        },
        this,
        [this, guard, done = std::move(done)](Outcome<History> r) {
            if (!r.ok())
                emit failed(r.error->message());
            else if (guard)
                done(*r.value);
        });
}

void MetricsRecorder::post(std::function<void(MetricsHistory&)> job)
{
    m_worker.run<void>([store = m_store, job = std::move(job)] { job(store->open()); }, this,
                       [this](Outcome<void> r) {
                           if (!r.ok())
                               emit failed(r.error->message());
                       });
}
