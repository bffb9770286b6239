#pragma once

#include "metrics/EndpointSampler.h"
#include "metrics/SampleReader.h"
#include "pg/AsyncPgConnection.h"

#include <QDeadlineTimer>

#include <functional>
#include <vector>

// One endpoint as the poll thread samples it: EndpointSampler's statements over a non-blocking
// connection. sample() starts a tick that always ends, within its deadline, in one call of
// deliver: a sample, up or down. A connection lost (or given up at the deadline) is opened again
// by the next tick; a statement that failed on a working connection keeps it, and its counters.
// Lives on the poll thread; not thread-safe.
class PolledEndpoint {
public:
    // A tick that must connect first is given at least this long: a login costs a TCP handshake, a
    // TLS one maybe, and SCRAM's key derivation on both sides.
    static constexpr int connectDeadlineMs = 3000;

    using Deliver = std::function<void(const MetricSample&)>;
    // connected runs when a connection attempt ends, either way (the poll thread bounds how many
    // run at once).
    PolledEndpoint(MetricTarget target, const ConnectionParams& base, Deliver deliver, std::function<void()> connected);

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
    bool m_ready = false; // connected, with the statements prepared
    bool m_busy = false;
    bool m_connecting = false;
    QDeadlineTimer m_deadline; // of the tick in progress
    SampleReader::Tick m_tick;
    QList<EndpointSampler::Statement> m_statements;
    std::vector<PgResult> m_results;
};
