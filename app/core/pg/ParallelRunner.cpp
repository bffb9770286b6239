#include "pg/ParallelRunner.h"

#include <QEventLoop>
#include <QThreadPool>

#include <mutex>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

struct ParallelRunner::Relay {
    std::mutex mutex;
    ParallelRunner* owner = nullptr; // cleared by ~ParallelRunner, under mutex
};

// Not the global pool: that one has as many threads as cores, and these jobs mostly wait on the
// network. Never destroyed: quitting must not wait for jobs against hanging servers (every one
// has its own deadline).
static QThreadPool& networkPool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(ParallelRunner::PoolThreads);
        p->setObjectName(QStringLiteral("ParallelRunner"));
        return p;
    }();
    return *pool;
}

// A pool thread yields the CPU to the GUI thread: a fan-out's connection set-ups (a SCRAM exchange
// is some milliseconds of hashing each) otherwise take the cores from it in bursts, and the window
// stops painting while they last. On Linux a thread has a nice value of its own; raised once, it
// stays for the thread's life (the pool's threads only ever run these jobs).
static void runBelowTheGuiThread()
{
#ifdef Q_OS_LINUX
    static thread_local const bool lowered = [] {
        constexpr int BackgroundNice = 10;
        return setpriority(PRIO_PROCESS, id_t(gettid()), BackgroundNice) == 0;
    }();
    Q_UNUSED(lowered);
#endif
}

ParallelRunner::ParallelRunner(int maxParallel, int maxPerServer, QObject* parent)
    : QObject(parent)
    , m_maxParallel(qBound(1, maxParallel, PoolThreads))
    , m_maxPerServer(qMax(1, maxPerServer))
    , m_relay(std::make_shared<Relay>())
{
    m_relay->owner = this;
}

ParallelRunner::~ParallelRunner()
{
    std::lock_guard lock(m_relay->mutex);
    m_relay->owner = nullptr;
}

void ParallelRunner::enqueue(const QString& server, Task task)
{
    m_queue.push_back({server, std::move(task)});
    startWhatFits();
}

void ParallelRunner::cancelQueued()
{
    const bool wasBusy = !isIdle();
    m_queue.clear();
    if (wasBusy && isIdle())
        emit idle();
}

ParallelRunner::Post ParallelRunner::poster() const
{
    return [relay = m_relay](std::function<void()> what) {
        std::lock_guard lock(relay->mutex);
        if (ParallelRunner* owner = relay->owner)
            QMetaObject::invokeMethod(owner, std::move(what), Qt::QueuedConnection);
    };
}

void ParallelRunner::waitForIdle()
{
    if (isIdle())
        return;
    QEventLoop loop;
    connect(this, &ParallelRunner::idle, &loop, &QEventLoop::quit);
    loop.exec();
}

void ParallelRunner::startWhatFits()
{
    // In queue order, skipping jobs whose server is at its bound (they keep their place).
    for (auto it = m_queue.begin(); it != m_queue.end() && m_running < m_maxParallel;) {
        int& onServer = m_perServer[it->server];
        if (onServer >= m_maxPerServer) {
            ++it;
            continue;
        }
        ++onServer;
        ++m_running;
        networkPool().start([relay = m_relay, server = it->server, task = std::move(it->task)] {
            runBelowTheGuiThread();
            const Delivery deliver = task();
            std::lock_guard lock(relay->mutex);
            // Posting is thread-safe; the owner cannot go away while the mutex is held, and Qt
            // discards events posted to an object deleted before they run.
            if (ParallelRunner* owner = relay->owner)
                QMetaObject::invokeMethod(
                    owner, [owner, server, deliver] { owner->finished(server, deliver); }, Qt::QueuedConnection);
        });
        it = m_queue.erase(it);
    }
}

void ParallelRunner::finished(const QString& server, const Delivery& deliver)
{
    --m_running;
    if (--m_perServer[server] == 0)
        m_perServer.remove(server);
    startWhatFits();
    deliver();
    if (isIdle())
        emit idle();
}
