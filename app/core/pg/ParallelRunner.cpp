#include "pg/ParallelRunner.h"

#include <QThreadPool>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

#include <mutex>

struct ParallelRunner::Relay {
    std::mutex mutex;
    ParallelRunner* owner = nullptr;  // cleared by ~ParallelRunner, under mutex
};

// Not the global pool: that one has as many threads as cores, and these jobs mostly wait on the
// network. Never destroyed: quitting must not wait for jobs against hanging servers (every one
// has its own deadline).
static QThreadPool* makePool(const QString& name, QThread::Priority priority)
{
    auto* pool = new QThreadPool;
    pool->setMaxThreadCount(ParallelRunner::PoolThreads);
    pool->setThreadPriority(priority);
    pool->setObjectName(name);
    return pool;
}

static QThreadPool& poolFor(ParallelRunner::Priority priority)
{
    static QThreadPool* normal = makePool(QStringLiteral("ParallelRunner"), QThread::InheritPriority);
    static QThreadPool* background = makePool(QStringLiteral("ParallelRunner background"), QThread::LowPriority);
    return priority == ParallelRunner::Priority::Background ? *background : *normal;
}

// Background work (a round of connections, each a SCRAM handshake; a sandbox whose servers share
// the machine) must lose to the GUI thread when they compete for the CPU. QThread::LowPriority
// does that on Windows and macOS; on Linux it has no effect for normal threads, but a thread may
// have a nice value of its own. Only ever raised, so a pool thread keeps it.
static void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    static thread_local bool lowered = false;
    if (!lowered) {
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 5);
        lowered = true;
    }
#endif
}

ParallelRunner::ParallelRunner(int maxParallel, int maxPerServer, Priority priority, QObject* parent)
    : QObject(parent)
    , m_maxParallel(qBound(1, maxParallel, PoolThreads))
    , m_maxPerServer(qMax(1, maxPerServer))
    , m_priority(priority)
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
        const bool background = m_priority == Priority::Background;
        poolFor(m_priority).start([relay = m_relay, server = it->server, task = std::move(it->task), background] {
            if (background)
                lowerThisThreadsPriority();
            const Delivery deliver = task();
            std::lock_guard lock(relay->mutex);
            // Posting is thread-safe; the owner cannot go away while the mutex is held, and Qt
            // discards events posted to an object deleted before they run.
            if (ParallelRunner* owner = relay->owner)
                QMetaObject::invokeMethod(owner, [owner, server, deliver] { owner->finished(server, deliver); },
                                          Qt::QueuedConnection);
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
