#include "metrics/PollLoop.h"

#include "metrics/PolledEndpoint.h"
#include "pg/ParallelRunner.h"

PollLoop::PollLoop(Deliver deliver)
    : m_deliver(std::move(deliver))
    , m_lookups(new ParallelRunner(maxLookups, 1, this)) // a child: it moves to the poll thread with us
{
}

PollLoop::~PollLoop() = default;

void PollLoop::setTargets(const ConnectionParams& base, const QList<std::pair<MetricTarget, quint64>>& targets)
{
    std::unordered_map<int, Entry> kept;
    for (const auto& [target, version] : targets) {
        const int id = target.endpoint.id;
        auto old = m_endpoints.find(id);
        if (old != m_endpoints.end() && old->second.version == version) {
            old->second.endpoint->setTarget(target);
            kept.emplace(id, std::move(old->second));
            continue;
        }
        Entry entry;
        entry.version = version;
        entry.endpoint = std::make_unique<PolledEndpoint>(
            target, base, *m_lookups,
            [this, id, version](const MetricSample& sample) { m_deliver(id, version, sample); },
            [this] { connectEnded(); });
        if (m_tenantsEvery > 0)
            entry.endpoint->reader().setTenantsEvery(m_tenantsEvery);
        if (m_sizesEvery > 0)
            entry.endpoint->reader().setSizesEvery(m_sizesEvery);
        kept.emplace(id, std::move(entry));
    }
    // Those left go, with their connections; a connection attempt among them frees its place.
    for (const auto& [id, entry] : m_endpoints) {
        if (entry.endpoint && entry.endpoint->isConnecting())
            --m_connecting;
    }
    m_endpoints = std::move(kept);
    startWaiting(); // places freed above go to those waiting
}

void PollLoop::sample(const QList<int>& endpointIds, int deadlineMs)
{
    for (int id : endpointIds) {
        auto it = m_endpoints.find(id);
        // Not there: removed by a setTargets() that crossed this request, which the poller knows.
        if (it != m_endpoints.end())
            start(id, it->second, deadlineMs);
    }
}

void PollLoop::start(int endpointId, Entry& entry, int deadlineMs)
{
    PolledEndpoint& endpoint = *entry.endpoint;
    if (endpoint.isBusy())
        return; // its tick in progress delivers
    if (endpoint.needsConnection()) {
        if (m_connecting >= maxConnecting) {
            m_waiting.push_back({endpointId, entry.version, deadlineMs});
            return;
        }
        ++m_connecting;
    }
    endpoint.sample(deadlineMs);
}

void PollLoop::connectEnded()
{
    --m_connecting;
    startWaiting();
}

void PollLoop::startWaiting()
{
    while (m_connecting < maxConnecting && !m_waiting.empty()) {
        const Waiting next = m_waiting.front();
        m_waiting.pop_front();
        auto it = m_endpoints.find(next.endpointId);
        if (it != m_endpoints.end() && it->second.version == next.version)
            start(next.endpointId, it->second, next.deadlineMs);
    }
}

void PollLoop::setTenantsEvery(int ticks)
{
    m_tenantsEvery = ticks;
    for (auto& [id, entry] : m_endpoints)
        entry.endpoint->reader().setTenantsEvery(ticks);
}

void PollLoop::setSizesEvery(int ticks)
{
    m_sizesEvery = ticks;
    for (auto& [id, entry] : m_endpoints)
        entry.endpoint->reader().setSizesEvery(ticks);
}
