#include "pg/PgServer.h"

#include "pg/ConnectionParams.h"

#include <QDir>
#include <QFile>
#include <libpq-fe.h>
#include <stdexcept>

static const int startTimeoutSeconds = 120;

PgServer::PgServer(QString dataDir, int port, QString socketDir)
    : m_dataDir(std::move(dataDir))
    , m_port(port)
    , m_socketDir(std::move(socketDir))
{
}

PgCommand PgServer::initdb(const QString& superuser, const QString& passwordFile) const
{
    // --no-locale keeps the clusters identical on every OS; --no-sync because a sandbox that
    // loses power is simply recreated.
    return {QStringLiteral("initdb"),
            {QStringLiteral("--pgdata=") + m_dataDir, QStringLiteral("--username=") + superuser,
             QStringLiteral("--pwfile=") + passwordFile, QStringLiteral("--auth=scram-sha-256"),
             QStringLiteral("--encoding=UTF8"), QStringLiteral("--no-locale"), QStringLiteral("--no-sync"),
             QStringLiteral("--no-instructions")},
            {},
            QStringLiteral("initdb ") + m_dataDir};
}

PgCommand PgServer::baseBackup(int primaryPort, const QString& user, const QString& password,
                               const QString& applicationName, const QString& slot) const
{
    ConnectionParams source;
    source.set("host", QStringLiteral("127.0.0.1"));
    source.set("port", QString::number(primaryPort));
    source.set("user", user);
    source.set("application_name", applicationName);
    // The password travels in the environment of the child only; -R writes it into the replica's
    // postgresql.auto.conf (inside its 0700 data directory) so that the replica can reconnect.
    return {QStringLiteral("pg_basebackup"),
            {QStringLiteral("--pgdata=") + m_dataDir, QStringLiteral("--dbname=") + source.toConnectionString(),
             QStringLiteral("--wal-method=stream"), QStringLiteral("--checkpoint=fast"),
             QStringLiteral("--write-recovery-conf"), QStringLiteral("--create-slot"), QStringLiteral("--slot=") + slot,
             QStringLiteral("--no-sync")},
            {{QStringLiteral("PGPASSWORD"), password}},
            QStringLiteral("pg_basebackup into ") + m_dataDir};
}

static QString confValue(QString value)
{
    return u'\'' + value.replace(u'\\', QLatin1String("\\\\")).replace(u'\'', QLatin1String("''")) + u'\'';
}

void PgServer::configure(const QList<std::pair<QString, QString>>& settings) const
{
    QFile file(QDir(m_dataDir).filePath(QStringLiteral("postgresql.conf")));
    QByteArray text = "\n# TenantDesk sandbox\n";
    for (const auto& [name, value] : settings)
        text += (name + QLatin1String(" = ") + confValue(value) + u'\n').toUtf8();
    if (!file.open(QIODevice::Append) || file.write(text) != text.size())
        throw std::runtime_error(
            QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()).toStdString());
}

PgCommand PgServer::start(const QString& logFile) const
{
    return {QStringLiteral("pg_ctl"),
            {QStringLiteral("start"), QStringLiteral("--wait"), QStringLiteral("--silent"),
             QStringLiteral("--timeout=%1").arg(startTimeoutSeconds), QStringLiteral("--pgdata=") + m_dataDir,
             QStringLiteral("--log=") + logFile},
            {},
            QStringLiteral("starting the server in %1 (log: %2)").arg(m_dataDir, logFile)};
}

PgCommand PgServer::stop() const
{
    return {QStringLiteral("pg_ctl"),
            {QStringLiteral("stop"), QStringLiteral("--wait"), QStringLiteral("--silent"),
             QStringLiteral("--timeout=%1").arg(startTimeoutSeconds), QStringLiteral("--mode=fast"),
             QStringLiteral("--pgdata=") + m_dataDir},
            {},
            QStringLiteral("stopping the server in ") + m_dataDir};
}

bool PgServer::isRunning() const
{
    const QByteArray host = QFile::encodeName(m_socketDir);
    const QByteArray port = QByteArray::number(m_port);
    const char* keywords[] = {"host", "port", "dbname", "connect_timeout", nullptr};
    const char* values[] = {host.constData(), port.constData(), "postgres", "3", nullptr};
    const PGPing ping = PQpingParams(keywords, values, 0);
    return ping == PQPING_OK || ping == PQPING_REJECT;
}

qint64 PgServer::pid() const
{
    QFile file(QDir(m_dataDir).filePath(QStringLiteral("postmaster.pid")));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readLine().trimmed().toLongLong();
}
