#pragma once

#include "pg/ConnectionParams.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <condition_variable>
#include <mutex>

// A TCP proxy on a free loopback port in front of one PostgreSQL server, that misbehaves on
// request the way networks and servers do: it stops answering after login, or cuts the connection
// right after the server executed a COMMIT (the commit happened, the client never heard), or
// after so many bytes of a reply. It reads the v3 protocol's framing to see logins, statements
// and replies; it refuses TLS (answers 'N' to SSLRequest) so that it can read them.
//
// It runs in a thread of its own, so a test can use blocking libpq (or run tenantctl) against it
// from the test thread. The fault applies to connections from the moment it is set.
//
//   FaultProxy proxy(TestFleet::catalogParams());
//   proxy.cutAfterCommit(1);
//   PgConnection c;
//   c.open(proxy.params());   // through the proxy, authenticated as the upstream params are
class FaultProxy {
public:
    explicit FaultProxy(const ConnectionParams& upstream);
    ~FaultProxy();
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;

    int port() const { return m_port; }
    // The upstream parameters aimed at the proxy: host 127.0.0.1, its port, sslmode=disable, and
    // a passfile of its own with the upstream's password lines, and those for the proxy's port.
    ConnectionParams params() const;

    // Forwards everything both ways.
    void passThrough();
    // Passes the startup, authentication and everything up to the server's first ReadyForQuery,
    // then swallows every message the client sends and answers nothing, with the socket kept open.
    // Cancel requests are swallowed as well: a server that does not answer does not cancel either.
    void stallAfterLogin();
    // Forwards everything until the client's Nth Query or Parse (from now on) whose SQL text
    // matches sql, then behaves as stallAfterLogin() from that statement on, on every connection:
    // a server that stops answering in the middle of a job.
    void stallWhenClientSends(const QRegularExpression& sql, int n = 1);
    // Forwards the client's Nth COMMIT (a Query or Parse whose text has a COMMIT statement) from
    // now on, lets the server execute it, then drops the server's reply and closes both sides.
    void cutAfterCommit(int n = 1);
    // The same for the Nth Query or Parse whose SQL text matches sql.
    void cutWhenClientSends(const QRegularExpression& sql, int n = 1);
    // From the first cut on, closes every new connection at once (kept across later faults): a
    // server that went away with the connection, so that nothing can be read back.
    void refuseAfterCut();
    // Forwards the first n bytes the server sends on each connection after its login (after the
    // first ReadyForQuery), then closes both sides: a reply cut off in the middle.
    void cutAfterServerBytes(qint64 n);

    // Connections the proxy has accepted, and those the fault cut, so far.
    int connections() const;
    int cuts() const;
    // Client messages swallowed by stallAfterLogin so far.
    int swallowedMessages() const;
    // Waits until at least count cuts happened; false when timeoutMs passed first.
    bool waitForCuts(int count, int timeoutMs) const;

    // What a proxied connection asks and reports; shared with the thread that proxies.
    enum class Mode { PassThrough, StallAfterLogin, StallFromStatement, CutAfterStatement, CutAfterServerBytes };
    struct Fault {
        Mode mode = Mode::PassThrough;
        QRegularExpression statement;
        int statementsToGo = 0; // matching statements until the one that triggers the cut
        qint64 serverBytes = 0;
        int connections = 0;
        int cuts = 0;
        int swallowed = 0;
        bool refuseAfterCut = false;
    };
    class Shared {
    public:
        Fault fault;
        mutable std::mutex mutex;
        mutable std::condition_variable changed;
    };

private:
    void setFault(Mode mode, const QRegularExpression& statement = {}, int n = 0, qint64 bytes = 0);
    void writePassfile(const ConnectionParams& upstream);

    ConnectionParams m_upstream;
    Shared m_shared;
    QThread m_thread;
    QObject* m_anchor = nullptr; // lives on m_thread: owns the listener and every proxied connection
    int m_port = 0;
    QTemporaryDir m_dir; // the proxy's passfile
};
