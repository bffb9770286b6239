#include "ThrowawayServer.h"

#include "sandbox/FreePort.h"

#include <QDir>

#include <stdexcept>

ThrowawayServer::ThrowawayServer(const QString& superuser, const QList<std::pair<QString, QString>>& settings)
    : m_dir(QDir::tempPath() + QStringLiteral("/tdserver-XXXXXX"))
    , m_port(FreePort::pick(1).constFirst())
    , m_server(m_dir.filePath(QStringLiteral("data")), m_port, m_dir.path())
{
    if (!m_dir.isValid())
        throw std::runtime_error("cannot create the throwaway server's folder");
    m_installation.handOver(m_dir.path());
    m_installation.run({QStringLiteral("initdb"),
                        {QStringLiteral("--pgdata=") + m_server.dataDir(), QStringLiteral("--username=") + superuser,
                         QStringLiteral("--auth=trust"), QStringLiteral("--no-sync"), QStringLiteral("--no-locale"),
                         QStringLiteral("--encoding=UTF8"), QStringLiteral("--no-instructions")},
                        {},
                        QStringLiteral("initdb of the throwaway server")},
                       120000);
    QList<std::pair<QString, QString>> all{{QStringLiteral("listen_addresses"), QStringLiteral("127.0.0.1")},
                                           {QStringLiteral("port"), QString::number(m_port)},
                                           {QStringLiteral("unix_socket_directories"), m_dir.path()},
                                           {QStringLiteral("fsync"), QStringLiteral("off")},
                                           {QStringLiteral("shared_buffers"), QStringLiteral("16MB")}};
    m_server.configure(all + settings);
    start();
}

ThrowawayServer::~ThrowawayServer()
{
    try {
        if (m_server.isRunning())
            m_installation.run(m_server.stop(), 60000);
    } catch (const std::exception& e) {
        qWarning("could not stop the throwaway server: %s", e.what());
    }
}

ConnectionParams ThrowawayServer::params(const ConnectionParams& base, const QString& dbname) const
{
    return base.withEndpoint(QStringLiteral("127.0.0.1"), m_port, dbname);
}

void ThrowawayServer::start()
{
    m_installation.run(m_server.start(m_dir.filePath(QStringLiteral("server.log"))), 120000);
}

void ThrowawayServer::kill()
{
    m_installation.run({QStringLiteral("pg_ctl"),
                        {QStringLiteral("stop"), QStringLiteral("--wait"), QStringLiteral("--silent"),
                         QStringLiteral("--mode=immediate"), QStringLiteral("--pgdata=") + m_server.dataDir()},
                        {},
                        QStringLiteral("stopping the throwaway server")},
                       60000);
}
