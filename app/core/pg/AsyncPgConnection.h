#pragma once

#include "pg/ConnectionParams.h"
#include "pg/Outcome.h"
#include "pg/PgResult.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QTimer>

#include <functional>

class QSocketNotifier;

// One libpq connection driven by its socket's readiness on the thread it lives on (QSocketNotifier
// for reading and writing, PQconnectPoll, PQsend*, PQconsumeInput, PQisBusy, PQgetResult), so that
// one thread holds many connections and never waits on any of them: where PgConnection blocks its
// thread until the answer or the deadline, this one calls back.
//
// Every exchange has a deadline (a QDeadlineTimer given by the caller). Past it, a statement in
// progress is cancelled (PQcancel from a thread of its own, not waited for), the connection
// closed, and the callback told: PgError(Connection) "did not answer within". A server that
// accepts and never answers costs this thread nothing meanwhile.
//
// One exchange at a time; callbacks run on the connection's thread, never from inside the call
// that started the exchange, and never after the object is gone. Not thread-safe.
class AsyncPgConnection : public QObject {
    Q_OBJECT
public:
    using Opened = std::function<void(Outcome<void>)>;
    // The first error of what was sent, else its last result (as PQexec).
    using Answered = std::function<void(Outcome<PgResult>)>;

    explicit AsyncPgConnection(QObject* parent = nullptr);
    ~AsyncPgConnection() override;

    // PQconnectStartParams (expand_dbname = 0), then PQconnectPoll as the socket allows. Note:
    // libpq resolves a host name inside PQconnectStart, blocking: give hostaddr (PolledEndpoint
    // has names resolved on another thread first, metrics/HostLookup); addresses never wait.
    void open(const ConnectionParams& params, const QDeadlineTimer& deadline, Opened done);
    // A named statement prepared before (PQsendQueryPrepared), without parameters.
    void sendPrepared(const QByteArray& name, const QDeadlineTimer& deadline, Answered done);
    // One statement as the unnamed statement (PQsendQueryParams): nothing outlives it on the
    // server, as a transaction-pooling PgBouncer requires.
    void sendStatement(const QByteArray& sql, const QDeadlineTimer& deadline, Answered done);
    // Several statements in one message (PQsendQuery, the simple protocol): one round trip.
    void sendScript(const QByteArray& sql, const QDeadlineTimer& deadline, Answered done);

    // Closes at once; an exchange in progress is dropped without its callback.
    void close();
    bool isOpen() const;
    // Connecting, or waiting for the answer to an exchange.
    bool isBusy() const { return m_phase != Phase::Idle; }
    PGconn* raw() const { return m_conn; }

private:
    enum class Phase { Idle, Connecting, Sending, Receiving };

    void send(int sent, const QDeadlineTimer& deadline, Answered done);
    void armDeadline(const QDeadlineTimer& deadline);
    // Follows libpq's socket (which may change while connecting) and what it waits for.
    void watch(bool read, bool write);
    void dropNotifiers();
    void onReadable();
    void onWritable();
    void pollConnect();
    void flush();
    void receive();
    void deadlinePassed();
    // Ends the exchange in progress with outcome, the connection closed first when close is set.
    void finishOpen(Outcome<void> outcome);
    void finishExchange(Outcome<PgResult> outcome);
    void fail(const PgError& error);
    void failLater(const PgError& error);
    QString endpoint() const;

    PGconn* m_conn = nullptr;
    Phase m_phase = Phase::Idle;
    PostgresPollingStatusType m_connectState = PGRES_POLLING_WRITING;
    QSocketNotifier* m_reader = nullptr;
    QSocketNotifier* m_writer = nullptr;
    QTimer m_deadline;
    qint64 m_boundMs = 0; // of the exchange in progress, for its message
    Opened m_opened;
    Answered m_answered;
    PgResult m_kept; // the result to hand over when the exchange ends
    bool m_failedResult = false;
    quint64 m_exchange = 0; // counts exchanges, so that a late report of an ended one is dropped
};
