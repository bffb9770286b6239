#pragma once

#include "pg/PgInstallation.h"

#include <QList>
#include <QString>
#include <utility>

// One PostgreSQL server of the sandbox: a data directory served on 127.0.0.1:port and on a Unix
// socket in socketDir. A value that knows how to create, configure, start and stop its server;
// the commands it returns are run by PgInstallation, several at once when they are independent.
class PgServer {
public:
    PgServer(QString dataDir, int port, QString socketDir);

    const QString& dataDir() const { return m_dataDir; }
    int port() const { return m_port; }
    const QString& socketDir() const { return m_socketDir; }

    // A new cluster whose superuser `superuser` has the password in passwordFile, and whose
    // pg_hba.conf asks every local and loopback connection for a SCRAM password.
    PgCommand initdb(const QString& superuser, const QString& passwordFile) const;
    // A streaming replica of the server on 127.0.0.1:primaryPort, into dataDir, replicating
    // through the physical slot `slot` (created by the backup) as `applicationName`.
    PgCommand baseBackup(int primaryPort, const QString& user, const QString& password, const QString& applicationName,
                         const QString& slot) const;
    // Appends settings to postgresql.conf; later lines win over earlier ones.
    void configure(const QList<std::pair<QString, QString>>& settings) const;
    PgCommand start(const QString& logFile) const;
    PgCommand stop() const;

    // True when a server answers on our socket, also while it starts or shuts down. The socket
    // lives in our own directory, so whoever answers is our server, not someone else's on that port.
    bool isRunning() const;
    // The postmaster's process id from postmaster.pid, 0 when there is none.
    qint64 pid() const;

private:
    QString m_dataDir;
    int m_port;
    QString m_socketDir;
};
