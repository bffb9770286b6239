#pragma once

#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"
#include "pg/ConnectionParams.h"

#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>

class ParallelRunner;
class PolledEndpoint;

// Every endpoint of the fleet sampled from ONE thread: the one this object lives on, whose event
// loop drives all their sockets (AsyncPgConnection). Nothing here waits on the network, so a
// thousand endpoints need no thousand threads, and one that hangs delays nobody: its tick ends at
// its deadline. MetricsPoller runs it on a worker thread and calls it there (queued).
//
// Connecting is the expensive part (a process forked on the server, a key derived on both sides
// for SCRAM): at most maxConnecting endpoints connect at once, the others wait their turn, and a
// tick's deadline starts when its turn comes.
class PollLoop : public QObject {
    Q_OBJECT
public:
    static constexpr int maxConnecting = 16;
    static constexpr int maxLookups = 4;
    // A sample of an endpoint, with the version of its target it was taken for.
    using Deliver = std::function<void(int endpointId, quint64 version, const MetricSample& sample)>;

    explicit PollLoop(Deliver deliver);
    ~PollLoop() override;

    // The endpoints to sample from now on, each with the version of its target: an endpoint whose
    // version changed (another address, database or pooling) gets a new connection; one with
    // other details only (its tenants) keeps its connection; one not listed is closed.
    void setTargets(const ConnectionParams& base, const QList<std::pair<MetricTarget, quint64>>& targets);
    // Samples these endpoints, each tick bounded by deadlineMs; each delivers one sample.
    void sample(const QList<int>& endpointIds, int deadlineMs);
    void setTenantsEvery(int ticks);
    void setSizesEvery(int ticks);

private:
    struct Entry {
        std::unique_ptr<PolledEndpoint> endpoint;
        quint64 version = 0;
    };
    struct Waiting {
        int endpointId = 0;
        quint64 version = 0;
        int deadlineMs = 0;
    };

    void start(int endpointId, Entry& entry, int deadlineMs);
    void connectEnded();
    void startWaiting();

    Deliver m_deliver;
    // Host name lookups, off this thread (PolledEndpoint): a few at once, one per name.
    ParallelRunner* m_lookups;
    std::unordered_map<int, Entry> m_endpoints;
    std::deque<Waiting> m_waiting; // to connect, when a place is free
    int m_connecting = 0;
    int m_tenantsEvery = 0; // 0: the sampler's default
    int m_sizesEvery = 0;
};
