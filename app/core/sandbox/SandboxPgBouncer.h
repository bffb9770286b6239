#pragma once

#include "pg/PgInstallation.h"
#include "sandbox/SandboxState.h"

#include <QHash>
#include <QString>

// The sandbox's optional PgBouncer (`sandbox up --pgbouncer`): Debian's pgbouncer in transaction
// pooling mode on a loopback port of its own, in front of shard-1's primary, for every database
// and with two server connections per database and user, so that consecutive transactions share
// server connections and anything that relies on a session shows. It authenticates with the
// sandbox's own passwords from a 0600 auth file in <dir>/pgbouncer and runs as the server user
// (pgbouncer, like the servers, refuses root). It leaves the startup parameter "options" refused,
// as a default PgBouncer does.
class SandboxPgBouncer {
public:
    static constexpr int PoolSize = 2;

    // Writes pgbouncer.ini and the auth file (role -> password of shard-1's primary).
    static void configure(const PgInstallation& pg, const SandboxState& state,
                          const QHash<QString, QString>& passwords);
    // Starts it in the background and waits until it accepts connections. Throws
    // std::runtime_error, with the end of its log, when it does not.
    static void start(const PgInstallation& pg, const SandboxState& state);
    static bool isRunning(const SandboxState& state);
    // Stops it and waits for it to go. Nothing to do when it is not running.
    static void stop(const SandboxState& state);

private:
    static QString directory(const SandboxState& state);
    static qint64 pid(const SandboxState& state);
};
