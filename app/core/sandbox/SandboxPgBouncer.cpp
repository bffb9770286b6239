#include "sandbox/SandboxPgBouncer.h"

#include "pg/PgConnection.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QThread>

#include <stdexcept>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

namespace {

const int startTimeoutMs = 15000;
const int stopTimeoutMs = 10000;

std::runtime_error failure(const QString& message)
{
    return std::runtime_error(message.toStdString());
}

QString program()
{
    const QString found = QStandardPaths::findExecutable(
        QStringLiteral("pgbouncer"), {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/local/sbin"),
                                      QStringLiteral("/usr/bin"), QStringLiteral("/usr/local/bin")});
    const QString onPath = found.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("pgbouncer")) : found;
    if (onPath.isEmpty())
        throw failure(QStringLiteral("--pgbouncer needs PgBouncer, which is not installed (Debian and Ubuntu: "
                                     "apt install pgbouncer)"));
    return onPath;
}

// A value of the auth file: in double quotes, a double quote doubled.
QByteArray quoted(const QString& text)
{
    return '"' + QString(text).replace(u'"', QLatin1String("\"\"")).toUtf8() + '"';
}

// Created new with mode 0600, then given to the server user, who runs pgbouncer.
void writePrivate(const PgInstallation& pg, const QString& path, const QByteArray& text)
{
    QFile::remove(path);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(text) != text.size() || !file.flush())
        throw failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    file.close();
    pg.handOver(path);
}

QString tail(const QString& path)
{
    QFile log(path);
    if (!log.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = log.readAll();
    return QString::fromUtf8(all.right(2000)).trimmed();
}

} // namespace

QString SandboxPgBouncer::directory(const SandboxState& state)
{
    return QDir(state.dir).filePath(QStringLiteral("pgbouncer"));
}

void SandboxPgBouncer::configure(const PgInstallation& pg, const SandboxState& state,
                                 const QHash<QString, QString>& passwords)
{
    const QString dir = directory(state);
    if (!QDir().mkpath(dir)
        || !QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        throw failure(QStringLiteral("cannot create the directory %1").arg(dir));
    pg.handOver(dir);

    QByteArray users;
    for (const QString& role : SandboxRoles::logins) {
        if (role != SandboxRoles::replication)
            users += quoted(role) + ' ' + quoted(passwords.value(role)) + '\n';
    }
    writePrivate(pg, QDir(dir).filePath(QStringLiteral("userlist.txt")), users);

    const SandboxServer& shard = state.primary(1);
    const QString ini = QStringLiteral(
                            "; The sandbox's PgBouncer (tenantctl sandbox up --pgbouncer): written by `sandbox up`.\n"
                            "[databases]\n"
                            "* = host=127.0.0.1 port=%1\n\n"
                            "[pgbouncer]\n"
                            "listen_addr = 127.0.0.1\n"
                            "listen_port = %2\n"
                            "unix_socket_dir =\n"
                            "auth_type = scram-sha-256\n"
                            "auth_file = %3\n"
                            "pool_mode = transaction\n"
                            "default_pool_size = %4\n"
                            "min_pool_size = 0\n"
                            "reserve_pool_size = 0\n"
                            "max_client_conn = 200\n"
                            "; a client waiting for a server connection gives up rather than hanging\n"
                            "query_wait_timeout = 30\n"
                            "logfile = %5\n"
                            "pidfile = %6\n"
                            "log_connections = 0\n"
                            "log_disconnections = 0\n")
                            .arg(shard.port)
                            .arg(state.pgbouncerPort)
                            .arg(QDir(dir).filePath(QStringLiteral("userlist.txt")))
                            .arg(PoolSize)
                            .arg(QDir(state.dir).filePath(QStringLiteral("logs/pgbouncer.log")),
                                 QDir(dir).filePath(QStringLiteral("pgbouncer.pid")));
    writePrivate(pg, QDir(dir).filePath(QStringLiteral("pgbouncer.ini")), ini.toUtf8());
}

void SandboxPgBouncer::start(const PgInstallation& pg, const SandboxState& state)
{
    // -d: it forks into the background once it listens; the parent's exit code says whether it could.
    pg.run({program(),
            {QStringLiteral("-d"), QDir(directory(state)).filePath(QStringLiteral("pgbouncer.ini"))},
            {},
            QStringLiteral("pgbouncer")},
           startTimeoutMs);
    const ConnectionParams params = state.params(state.primary(1), SandboxRoles::admin, QStringLiteral("postgres"))
                                        .withEndpoint(QStringLiteral("127.0.0.1"), state.pgbouncerPort,
                                                      QStringLiteral("postgres"), Pooling::Transaction);
    const QDeadlineTimer deadline(startTimeoutMs);
    for (;;) {
        try {
            PgConnection c;
            c.open(params);
            c.exec(QStringLiteral("SELECT 1"));
            return;
        } catch (const PgError& e) {
            if (deadline.hasExpired())
                throw failure(QStringLiteral("pgbouncer on port %1 does not let tenantdesk_admin in: %2\n%3")
                                  .arg(QString::number(state.pgbouncerPort), e.message(),
                                       tail(QDir(state.dir).filePath(QStringLiteral("logs/pgbouncer.log")))));
        }
        QThread::msleep(100);
    }
}

qint64 SandboxPgBouncer::pid(const SandboxState& state)
{
    QFile file(QDir(directory(state)).filePath(QStringLiteral("pgbouncer.pid")));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toLongLong();
}

bool SandboxPgBouncer::isRunning(const SandboxState& state)
{
#ifdef Q_OS_UNIX
    const qint64 p = pid(state);
    return p > 0 && ::kill(pid_t(p), 0) == 0;
#else
    Q_UNUSED(state);
    return false;
#endif
}

void SandboxPgBouncer::stop(const SandboxState& state)
{
#ifdef Q_OS_UNIX
    if (!isRunning(state))
        return;
    // SIGTERM: shut down now, closing every client and server connection.
    ::kill(pid_t(pid(state)), SIGTERM);
    const QDeadlineTimer deadline(stopTimeoutMs);
    while (isRunning(state)) {
        if (deadline.hasExpired())
            throw failure(QStringLiteral("pgbouncer (process %1) did not stop within %2 s")
                              .arg(pid(state))
                              .arg(stopTimeoutMs / 1000));
        QThread::msleep(50);
    }
#else
    Q_UNUSED(state);
#endif
}
