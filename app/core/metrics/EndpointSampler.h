#pragma once

#include "metrics/SampleReader.h"
#include "pg/ConnectionParams.h"
#include "pg/PgConnection.h"

#include <QByteArray>
#include <QList>

// Samples one endpoint over a persistent connection, blocking: tenantctl and the tests call it
// directly (the dashboard's MetricsPoller samples every endpoint from one thread without blocking,
// with PolledEndpoint). Defines what a sample runs on the server, for both:
// - directly: three statements prepared once per connection (planning the tick costs ~2 ms, its
//   prepared plan runs in ~0.1 ms), one of them per tick, the other two every few ticks;
// - behind a transaction-pooling PgBouncer (MetricTarget::pooled): each statement as the unnamed
//   statement, since a named one would outlive its transaction on a server connection other
//   clients share; and no startup options, which such a pooler refuses. The client-side deadline
//   (and PQcancel, which PgBouncer forwards) bounds a statement there instead of statement_timeout.
// Not thread-safe, except cancel().
class EndpointSampler {
public:
    static constexpr int statementTimeoutMs = 2000;
    static constexpr int defaultTenantsEvery = SampleReader::defaultTenantsEvery;
    static constexpr int defaultSizesEvery = SampleReader::defaultSizesEvery;

    EndpointSampler(MetricTarget target, const ConnectionParams& base);

    // Connects first when needed. Never throws: a failure gives a sample that is not up, and the
    // next call reconnects if the connection was lost.
    MetricSample sample();
    // Interrupts a statement in progress. Safe from any thread.
    void cancel() { m_connection.cancel(); }

    void setTenantsEvery(int ticks) { m_reader.setTenantsEvery(ticks); }
    void setSizesEvery(int ticks) { m_reader.setSizesEvery(ticks); }
    const MetricTarget& target() const { return m_reader.target(); }

    // The catalog's authentication aimed at the endpoint's tenant database, with its own short
    // timeouts (replacing the catalog connection's) so that a dead endpoint shows within a tick or
    // two; without any startup options behind a pooler.
    static ConnectionParams connectionParams(const ConnectionParams& base, const MetricTarget& target);
    // The statements, as prepared on the server (for benchmarks that time them there).
    static const QByteArray tickStatement;
    static const QByteArray tenantsStatement;
    static const QByteArray sizesStatement;
    // What runs once on a new direct connection, in one round trip: the three statements
    // prepared, and our session's statistics flushed (so that only what follows is ours).
    static QByteArray setupScript();
    // The statements of a tick, in order: the names to execute directly, or the texts to send as
    // the unnamed statement behind a pooler.
    struct Statement {
        QByteArray name;
        QByteArray text;
    };
    static QList<Statement> statements(SampleReader::Tick tick);

private:
    void connect();

    SampleReader m_reader;
    ConnectionParams m_params;
    PgConnection m_connection;
    bool m_ready = false; // connected, with the statements prepared
};
