#pragma once

#include "pg/ConnectionParams.h"
#include "pg/PgError.h"
#include "pg/PgResult.h"
#include "pg/StartupSettings.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QStringList>
#include <QVariant>

#include <future>
#include <memory>
#include <mutex>

// Statement parameters, sent with PQexecParams in text format. A null QVariant is SQL NULL;
// bool is sent as t/f; QByteArray is sent as is; everything else as its string form.
using PgParams = QList<QVariant>;

// A notice or warning the server sent with a statement's results ("WARNING: no privileges were
// granted for ...", SQLSTATE 01007), past client_min_messages.
struct PgNotice {
    QString severity; // WARNING, NOTICE, ... (not localised)
    QString sqlState;
    QString message;
};

// One libpq connection, used by one thread at a time (the thread of the PgSession that owns it,
// or the main thread of tenantctl). Every method that talks to the server blocks that thread and
// throws PgError on failure. cancel() is the exception: it is safe from any thread.
//
// Every wait on the server has a client-side deadline, because a server that accepts the login and
// then stops answering (stopped, hung, half-open behind a firewall) is stopped by nothing else:
// statement_timeout is the server's own, and keepalives and tcp_user_timeout see a live peer.
// libpq is driven without blocking (PQconnectPoll, PQsend*, poll on its socket) up to:
// - connecting: connect_timeout (per host, as libpq counts it), else DefaultConnectTimeoutMs;
// - a statement: its statement_timeout (from the connection's options) + ReplyMarginMs, else
//   DefaultStatementTimeoutMs + ReplyMarginMs, or what setReplyTimeout() says.
// Past the deadline the statement is cancelled (waiting at most CancelGraceMs for the server to
// take the request), the connection closed, and PgError(Connection) thrown: what the statement
// did is unknown, as after any lost connection.
//
// Through a transaction-pooling PgBouncer (params().pooling() is Transaction, or the pooler was
// detected when it refused the startup options: PoolerDetection) each transaction may run on
// another server connection, so nothing may rely on the session: the startup options' settings
// are set with set_config(..., true) right after every statement that opens a transaction; a
// statement sent outside a transaction by exec()/execPrepared() runs in one of its own (BEGIN,
// the settings, it, COMMIT); prepare() keeps the statement here and execPrepared() sends it
// unnamed. A script sent outside a transaction (CREATE DATABASE, which must run alone) gets no
// settings: the client-side deadline still bounds it, and client_min_messages is applied here to
// the notices that arrive.
class PgConnection {
public:
    static constexpr int DefaultConnectTimeoutMs = 10000;
    static constexpr int DefaultStatementTimeoutMs = 30000;
    static constexpr int ReplyMarginMs = 2000;
    static constexpr int CancelGraceMs = 2000;

    PgConnection() = default;
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // PQconnectStartParams with expand_dbname = 0, polled up to the connect deadline. Throws
    // PgError(Connection). An endpoint that refuses the startup options as PgBouncer does is
    // connected to again without them, as a pooled one (and remembered: PoolerDetection).
    void open(const ConnectionParams& params);
    void close();
    bool isOpen() const;

    // Runs one statement with bound parameters. Never splice values into sql.
    PgResult exec(const QString& sql, const PgParams& params = {});
    // A named server-side prepared statement: parsed and planned once per connection, then run
    // with only its parameters sent (what a monitoring poll repeats every few seconds).
    void prepare(const QByteArray& name, const QString& sql);
    PgResult execPrepared(const QByteArray& name, const PgParams& params = {});
    // Waits up to timeoutMs for notifications on the channels this session LISTENs to; returns
    // their payloads (empty when none came). Throws PgError(Connection) when the connection is lost.
    QStringList awaitNotifications(int timeoutMs);
    // Runs a script of several statements without parameters (migrations, DDL).
    void execScript(const QString& sql);
    // The notices the last statement or script sent raised, in order (also written to stderr, as
    // libpq does by default): a GRANT that granted nothing succeeds with only a warning.
    const QList<PgNotice>& notices() const { return m_notices; }
    // The bound on waiting for the answer to one statement: ms > 0 for this connection from now
    // on, 0 for the one its parameters imply. Read by the thread that uses the connection.
    void setReplyTimeout(int ms) { m_replyTimeoutOverrideMs = ms; }
    int replyTimeoutMs() const;

    // Runs fn inside BEGIN ... COMMIT (commit()), rolling back if it throws.
    template <typename Fn>
    auto transaction(Fn&& fn, const QString& begin = QStringLiteral("BEGIN"))
    {
        execScript(begin);
        if constexpr (std::is_void_v<decltype(fn())>) {
            rollingBackOnThrow(fn);
            commit();
        } else {
            auto result = rollingBackOnThrow(fn);
            commit();
            return result;
        }
    }
    // Runs fn and undoes all it did (a scratch schema, a probe of what a setting shows): in a
    // transaction rolled back at the end, or, inside one, to a savepoint. When fn throws inside a
    // transaction, that transaction has failed and whoever opened it rolls it back.
    template <typename Fn>
    auto rolledBack(Fn&& fn)
    {
        const bool nested = inTransaction();
        execScript(QString::fromLatin1(nested ? "SAVEPOINT tenantdesk_scratch" : "BEGIN"));
        const QString undo = QString::fromLatin1(
            nested ? "ROLLBACK TO SAVEPOINT tenantdesk_scratch; RELEASE SAVEPOINT tenantdesk_scratch" : "ROLLBACK");
        if constexpr (std::is_void_v<decltype(fn())>) {
            nested ? fn() : rollingBackOnThrow(fn);
            execScript(undo);
        } else {
            auto result = nested ? fn() : rollingBackOnThrow(fn);
            execScript(undo);
            return result;
        }
    }
    // Ends the open transaction with COMMIT, with synchronous_commit raised to at least 'on' for
    // it: what TenantDesk commits is an admin's change with its audit row, and must survive a
    // server crash whatever the server's or role's default ('off' and 'local' are common).
    // Throws PgError(UnknownOutcome) when no answer arrives (the connection broke while the
    // COMMIT was in flight): it may have committed. A server error is an ordinary failure.
    void commit();
    // The id of the transaction whose COMMIT went unanswered (commit() threw UnknownOutcome), with
    // its epoch (txid_current_if_assigned()), learnt before the COMMIT was sent: OutcomeReadBack
    // asks the server what became of it. 0 when that transaction wrote nothing, or when no COMMIT
    // was lost since the connection was last opened.
    qint64 lostCommitXid() const { return m_lostCommitXid; }

    // Ends a read-only transaction: a plain COMMIT, since nothing written needs commit()'s care.
    void commitReadOnly();
    // Ends the open transaction, if any, with ROLLBACK. Quietly: when the connection broke, the
    // server ends the transaction itself, and the error that made us roll back is the one to report.
    void rollback();

    // Asks the server to cancel the statement in progress, waiting CancelGraceMs at most for it to
    // take the request. Safe from any thread; harmless when idle.
    void cancel();

    // PQescapeIdentifier: the only way identifiers are quoted in this project.
    QString quoteIdentifier(const QString& name) const;
    // PQescapeLiteral: a value as a SQL literal, whatever its bytes, for SQL that is written out
    // (scripts, archives) rather than sent with bound parameters.
    QByteArray quoteLiteral(QByteArrayView value) const;

    const ConnectionParams& params() const { return m_params; }
    int serverVersion() const;         // e.g. 150004
    QString serverVersionText() const; // e.g. "15.4"
    QString user() const;
    QString host() const;
    QString port() const;
    QString database() const;
    bool inTransaction() const;
    // Connected through a transaction-pooling PgBouncer: no session state (see the class comment).
    bool isPooled() const { return m_pooled; }
    // The server process of the session last opened, still known after that session was lost
    // (OutcomeReadBack waits for it to end).
    int backendPid() const { return m_backendPid; }
    PGconn* raw() const { return m_conn; }

    // What libpq holds for conn (a failed connect, a lost connection), and what a failed result
    // carries: read one way for this connection and for AsyncPgConnection.
    static PgError connectionErrorOf(const PGconn* conn);
    // PQconnectStartParams with expand_dbname = 0 and client_encoding UTF8 in the startup packet:
    // the first step of every connection, blocking or not. Null when out of memory.
    static PGconn* startConnecting(const ConnectionParams& params);
    static PgError resultErrorOf(const PGconn* conn, const PGresult* result);
    // Sends a cancel request from a thread of its own, since PQcancel blocks until the server has
    // taken it (libpq 15 has no asynchronous cancel); the future says whether it was taken. A
    // thread left behind by a server that answers nothing ends when the network gives up.
    static std::future<bool> sendCancel(std::shared_ptr<PGcancel> request);

private:
    void connect(const ConnectionParams& params);
    void openPooled(const ConnectionParams& params);
    PgResult execParams(const QString& sql, const PgParams& params);
    void runScript(const QString& sql);
    // Sets the startup settings for the transaction just opened on a pooled connection.
    void applyLocalSettings();
    // fn's statement in a transaction of its own on a pooled connection, where only a transaction
    // carries the settings; as it is otherwise.
    template <typename Fn>
    PgResult autocommitted(Fn fn)
    {
        if (!m_pooled || inTransaction())
            return fn();
        execScript(QStringLiteral("BEGIN"));
        PgResult result = rollingBackOnThrow(fn);
        const QList<PgNotice> raised = m_notices; // the statement's, not the COMMIT's
        execScript(QStringLiteral("COMMIT"));
        m_notices = raised + m_notices;
        return result;
    }
    // The result when it succeeded; otherwise throws the error it carries.
    PgResult checked(PgResult result) const;
    PgError errorFrom(const PGresult* result) const;
    PgError connectionError() const;
    void requireOpen() const;
    template <typename Fn>
    auto rollingBackOnThrow(Fn& fn)
    {
        try {
            return fn();
        } catch (...) {
            rollback();
            throw;
        }
    }

    // The bounded non-blocking exchange. sent is what a PQsend* call returned; the deadline runs
    // from before it.
    int connectTimeoutMs() const;
    void send(int sent, const QDeadlineTimer& deadline);
    // Every result of what was sent: the first error, else the last one (as PQexec).
    PgResult awaitResults(const QDeadlineTimer& deadline);
    PgResult nextResult(const QDeadlineTimer& deadline);
    enum class Ready { Read, ReadOrWrite };
    void awaitSocket(Ready ready, const QDeadlineTimer& deadline);
    [[noreturn]] void giveUp();
    QString endpoint() const;

    // The notice receiver of every connection: keeps the notice, then prints it as libpq would.
    static void receiveNotice(void* connection, const PGresult* notice);

    PGconn* m_conn = nullptr;
    ConnectionParams m_params;
    QList<PgNotice> m_notices; // of the last statement sent
    int m_backendPid = 0;
    qint64 m_lostCommitXid = 0;
    int m_statementTimeoutMs = 0; // from the options the connection was opened with; 0 if none
    int m_replyTimeoutOverrideMs = 0;
    bool m_pooled = false;
    int m_pooledNoticeFloor = 0;                   // pooled: client_min_messages, applied here (see openPooled())
    StartupSettings m_localSettings;               // pooled: set in every transaction
    QHash<QByteArray, QString> m_pooledStatements; // pooled: prepare()d statements, sent unnamed
    std::mutex m_cancelMutex;
    // Shared with a cancel request that may outlive the connection (see cancel()).
    std::shared_ptr<PGcancel> m_cancel;
};
