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
{
    m_store->path = path;
    m_thread.setObjectName(QStringLiteral("metrics history"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
    m_flushTimer.setInterval(flushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &MetricsRecorder::flush);
}

MetricsRecorder::~MetricsRecorder()
{
    flush();
    QMetaObject::invokeMethod(m_worker, [store = m_store] { store->history.reset(); }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
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

void MetricsRecorder::load(const QList<int>& endpointIds, qint64 fromMs, qint64 toMs, int maxPoints,
                           QObject* context, std::function<void(const History&)> done)
{
    flush();
    QPointer<QObject> guard(context);
    post([this, endpointIds, fromMs, toMs, maxPoints, guard, done = std::move(done)](MetricsHistory& history) {
        History loaded;
        for (int id : endpointIds)
            loaded.insert(id, history.load(id, fromMs, toMs, maxPoints));
        // Posted to the recorder, whose destructor waits for this thread.
        QMetaObject::invokeMethod(this, [guard, done, loaded] {
            if (guard)
                done(loaded);
        }, Qt::QueuedConnection);
    });
}

void MetricsRecorder::post(std::function<void(MetricsHistory&)> job)
{
    QMetaObject::invokeMethod(m_worker, [this, store = m_store, job = std::move(job)] {
        try {
            job(store->open());
        } catch (const std::exception& e) {
            const QString error = QString::fromUtf8(e.what());
            QMetaObject::invokeMethod(this, [this, error] { emit failed(error); }, Qt::QueuedConnection);
        }
    }, Qt::QueuedConnection);
}
