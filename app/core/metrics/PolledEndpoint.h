#pragma once

#include "metrics/EndpointSampler.h"
#include "metrics/SampleReader.h"
#include "pg/AsyncPgConnection.h"

#include <QDeadlineTimer>
#include <QTimer>

#include <functional>
#include <vector>

class ParallelRunner;

// One endpoint as the poll thread samples it: EndpointSampler's statements over a non-blocking
// connection. sample() starts a tick that always ends, within its deadline, in one call of
// deliver: a sample, up or down. A connection lost (or given up at the deadline) is opened again
// by the next tick; a statement that failed on a working connection keeps it, and its counters.
// An endpoint named by a host name has it resolved on lookups (HostLookup: libpq would resolve
// it on the poll thread), once, and again after a connection attempt fails; a tick waits for the
// address up to its deadline. Lives on the poll thread; not thread-safe.
class PolledEndpoint {
public:
    // A tick that must connect first is given at least this long: a login costs a TCP handshake, a
    // TLS one maybe, and SCRAM's key derivation on both sides.
    static constexpr int connectDeadlineMs = 3000;

    using Deliver = std::function<void(const MetricSample&)>;
    // connected runs when a connection attempt ends, either way (the poll thread bounds how many
    // run at once).
    // lookups: the poll thread's runner for host name lookups.
    PolledEndpoint(MetricTarget target, const ConnectionParams& base, ParallelRunner& lookups, Deliver deliver,
                   std::function<void()> connected);

    const MetricTarget& target() const { return m_reader.target(); }
    // The same connection (MetricTarget::sameConnection) with other details: other tenants.
    void setTarget(MetricTarget target) { m_reader.setTarget(std::move(target)); }
    SampleReader& reader() { return m_reader; }

    bool isBusy() const { return m_busy; }
    // The next tick connects first.
    bool needsConnection() const { return !m_ready || !m_connection.isOpen(); }
    bool isConnecting() const { return m_connecting; }
    // Starts a tick bounded by deadlineMs (connectDeadlineMs at least when it connects first).
    void sample(int deadlineMs);

private:
    void connectNow();
    void lookUp();
    void addressFound(Outcome<QStringList> found);
    void lookupTimedOut();
    // The tick's connection attempt ended without a connection.
    void connectFailed(const QString& error);
    void connected(Outcome<void> opened);
    void runTick();
    void sendNext();
    void answered(Outcome<PgResult> result);
    void fail(const QString& error);
    void deliver(const MetricSample& sample);

    SampleReader m_reader;
    ConnectionParams m_params;
    Deliver m_deliver;
    std::function<void()> m_connectEnded;
    AsyncPgConnection m_connection;
    ParallelRunner& m_lookups;
    QStringList m_addresses;        // of the host name, once resolved; empty: not resolved (or not a name)
    bool m_lookingUp = false;       // a lookup runs (it may outlast the tick that started it)
    bool m_awaitingAddress = false; // the tick in progress waits for the lookup
    QTimer m_lookupDeadline;        // that wait's end: the tick's deadline
    bool m_ready = false;           // connected, with the statements prepared
    bool m_busy = false;
    bool m_connecting = false;
    QDeadlineTimer m_deadline; // of the tick in progress
    SampleReader::Tick m_tick;
    QList<EndpointSampler::Statement> m_statements;
    std::vector<PgResult> m_results;
};
