#include "TestPgBouncer.h"

#include "pg/PgInstallation.h"
#include "sandbox/FreePort.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTcpSocket>
#include <QThread>

#include <stdexcept>

#include <csignal>
#include <sys/types.h>

bool TestPgBouncer::isInstalled()
{
    return QFileInfo(program()).isExecutable();
}

TestPgBouncer::TestPgBouncer(int serverPort, const QString& serverUser, int poolSize)
    : m_dir(QDir::tempPath() + QStringLiteral("/tdbouncer-XXXXXX"))
    , m_port(FreePort::pick(1).constFirst())
{
    if (!m_dir.isValid())
        throw std::runtime_error("cannot create the PgBouncer's folder");
    const QString ini = m_dir.filePath(QStringLiteral("pgbouncer.ini"));
    QFile file(ini);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write pgbouncer.ini");
    // The server user's name goes in unquoted: the tests pass the sandbox's own role names.
    file.write(
        QStringLiteral("[databases]\n"
                       "* = host=127.0.0.1 port=%1 user=%2\n"
                       "[pgbouncer]\n"
                       "listen_addr = 127.0.0.1\n"
                       "listen_port = %3\n"
                       "unix_socket_dir =\n"
                       "auth_type = any\n"
                       "pool_mode = transaction\n"
                       "default_pool_size = %4\n"
                       "max_client_conn = 200\n"
                       "logfile = %5\n"
                       "pidfile = %6\n")
            .arg(serverPort)
            .arg(serverUser)
            .arg(m_port)
            .arg(poolSize)
            .arg(m_dir.filePath(QStringLiteral("pgbouncer.log")), m_dir.filePath(QStringLiteral("pgbouncer.pid")))
            .toUtf8());
    file.close();
    const PgInstallation installation = PgInstallation::locate();
    installation.handOver(m_dir.path());
    installation.handOver(ini);
    if (installation.runsAsOtherUser())
        m_process.start(QStringLiteral("runuser"),
                        {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program(), ini});
    else
        m_process.start(program(), {ini});
    if (!m_process.waitForStarted(10000))
        throw std::runtime_error("cannot start pgbouncer");
    for (int attempt = 0; attempt < 100; ++attempt) {
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_port));
        if (probe.waitForConnected(100))
            return;
        if (m_process.state() == QProcess::NotRunning)
            break;
        QThread::msleep(50);
    }
    throw std::runtime_error(QString(QStringLiteral("pgbouncer did not start listening: ") + log()).toStdString());
}

TestPgBouncer::~TestPgBouncer()
{
    // Signalled directly as well: runuser stands between us and it when we are root.
    QFile pidfile(m_dir.filePath(QStringLiteral("pgbouncer.pid")));
    if (pidfile.open(QIODevice::ReadOnly)) {
        const qint64 pid = pidfile.readAll().trimmed().toLongLong();
        if (pid > 0)
            ::kill(pid_t(pid), SIGTERM);
    }
    m_process.terminate();
    if (!m_process.waitForFinished(5000))
        m_process.kill();
    m_process.waitForFinished(5000);
}

QString TestPgBouncer::log() const
{
    QFile file(m_dir.filePath(QStringLiteral("pgbouncer.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
