#pragma once

#include "pg/ConnectionParams.h"
#include "sandbox/SandboxState.h"

#include <QList>
#include <QString>
#include <functional>

// The sandbox fleet: real PostgreSQL servers on free loopback ports, in a directory of their own:
// a catalog server, two shard servers and a streaming replica of shard 1, with SCRAM passwords in
// a generated 0600 passfile, seeded with tenants of all three isolation models, their domains and
// an online store each. What `tenantctl sandbox`, the tests and the benchmarks start.
//
// Blocking: call it from tenantctl, a test or a worker thread, never from the GUI thread.
// Throws std::runtime_error or PgError with a message fit for the user.
class Sandbox {
public:
    struct Options {
        int tenants = 40;       // seeded tenants, with data, over both shards and all models
        int catalogTenants = 0; // extra catalog-only tenants (bench-000001, ...)
        int catalogShards = 2;  // shards in the catalog; shard-3... point at the two shard servers
        bool load = false;      // background load generators
        bool fresh = false;     // remove an existing sandbox in the directory first
        bool pgbouncer = false; // shard-1's primary endpoint through a transaction-pooling PgBouncer
    };

    struct ServerStatus {
        SandboxServer server;
        bool running = false;
        QString replication; // replica: the primary's pg_stat_replication.state; empty when not connected
        qint64 replayLagBytes = -1;
    };

    struct Status {
        bool exists = false; // the directory holds a sandbox
        bool ready = false;  // ... that `up` finished creating
        QList<ServerStatus> servers;
        QList<qint64> loadPids; // load generators still running
        int pgbouncerPort = 0;  // 0: the sandbox has no PgBouncer
        bool pgbouncerRunning = false;
        // Every server answers and the replica streams.
        bool allUp() const;
    };

    // One line of progress. May come from a worker thread, never from two at once.
    using Progress = std::function<void(const QString& message)>;

    explicit Sandbox(const QString& dir = defaultDir());
    // <temp>/tenantdesk-sandbox-<user>: short, so that Unix socket paths stay within their limit.
    static QString defaultDir();
    const QString& dir() const { return m_dir; }

    // Creates the sandbox, or starts what is stopped of an existing one, or recreates one that an
    // earlier `up` left half-made. Returns the catalog connection: tenantdesk_admin through the passfile.
    ConnectionParams up(const Options& options, const Progress& progress = {});
    Status status() const;
    // Stops the load and the servers; purge also removes the directory.
    void down(bool purge = false, const Progress& progress = {});

private:
    ConnectionParams create(const Options& options, const Progress& progress);
    ConnectionParams resume(SandboxState state, const Options& options, const Progress& progress);
    void stop(bool purge, const Progress& progress);

    QString m_dir;
};
