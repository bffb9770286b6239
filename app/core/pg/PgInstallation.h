#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <utility>

// One invocation of a PostgreSQL program (initdb, pg_ctl, pg_basebackup, ...).
struct PgCommand {
    QString program; // name in the bin dir, e.g. "initdb"
    QStringList arguments;
    QList<std::pair<QString, QString>> environment; // added to a PG*-free copy of ours
    QString what;                                   // for error messages, e.g. "initdb shard-1"
};

// The PostgreSQL server programs on this machine, and the system user they run as. The server
// refuses to run as root, so when we are root they run as `postgres` through runuser and the
// files they own are handed over to that user; otherwise they run as we do.
class PgInstallation {
public:
    // TENANTDESK_PG_BINDIR, else `pg_config --bindir` when it holds initdb, else the newest
    // /usr/lib/postgresql/*/bin, else the directory of initdb on PATH. Throws when none is found.
    static PgInstallation locate();
    // The programs in binDir, e.g. those that created an existing cluster. Throws when they are gone.
    static PgInstallation at(const QString& binDir);

    const QString& binDir() const { return m_binDir; }
    QString programPath(const QString& program) const;
    bool hasProgram(const QString& program) const;
    // Where extension control files live (for optional extensions such as pg_stat_statements).
    QString extensionDir() const;

    // True when we are root: the programs then run as the `postgres` system user.
    bool runsAsOtherUser() const { return m_asOtherUser; }
    // Gives a file or directory we created to the server user (a no-op when that is us).
    void handOver(const QString& path) const;
    // Throws a clear error when the server user could not reach dir because some directory above
    // it is closed to others (a home directory, a 0700 build tree).
    void checkReachable(const QString& dir) const;

    // Runs the commands concurrently and waits for all of them. Throws std::runtime_error with the
    // output of the first one that failed or took longer than timeoutMs.
    void runAll(const QList<PgCommand>& commands, int timeoutMs) const;
    // Runs one command and returns its standard output.
    QByteArray run(const PgCommand& command, int timeoutMs) const;
    // Starts a client program (pgbench) in the background as ourselves, not as the server user, so
    // that it can read our passfile; output goes to logFile. Returns its process id.
    qint64 startDetached(const PgCommand& command, const QString& logFile) const;

private:
    explicit PgInstallation(QString binDir);

    QString m_binDir;
    bool m_asOtherUser = false;
};
