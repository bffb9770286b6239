#pragma once

#include <QProcess>
#include <QTemporaryDir>

// A real PgBouncer (Debian's /usr/sbin/pgbouncer) in transaction pooling mode on a free loopback
// port, in front of one server, for the tests of pooled endpoints: whatever user a client names,
// it logs in to the server as serverUser (auth_type any), so a server that trusts that user needs
// no password here. It runs as the server user when we are root (PgBouncer refuses root too), and
// is stopped when the object goes. Throws std::runtime_error when it cannot start.
class TestPgBouncer {
public:
    static QString program() { return QStringLiteral("/usr/sbin/pgbouncer"); }
    static bool isInstalled();

    // poolSize: server connections per database and user; 1 makes every client share one, so
    // that any session state a client leaves behind meets the next client.
    TestPgBouncer(int serverPort, const QString& serverUser, int poolSize = 1);
    ~TestPgBouncer();
    TestPgBouncer(const TestPgBouncer&) = delete;
    TestPgBouncer& operator=(const TestPgBouncer&) = delete;

    int port() const { return m_port; }
    QString log() const;

private:
    QTemporaryDir m_dir;
    int m_port;
    QProcess m_process;
};
