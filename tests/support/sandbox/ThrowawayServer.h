#pragma once

#include "pg/ConnectionParams.h"
#include "pg/PgInstallation.h"
#include "pg/PgServer.h"

#include <QTemporaryDir>

#include <utility>

// A PostgreSQL server of a test's (or benchmark's) own on a free loopback port, for what the
// shared sandbox must not see: a server stopped or hung on purpose, a thousand connections. A
// fresh cluster in a temporary folder, run as the server user like the sandbox's, with trust
// authentication for the given superuser so that the sandbox's base parameters reach it. Stopped
// and removed when it goes, even after a failure.
class ThrowawayServer {
public:
    // Creates and starts it; settings go to its postgresql.conf (max_connections, ...).
    explicit ThrowawayServer(const QString& superuser, const QList<std::pair<QString, QString>>& settings = {});
    ~ThrowawayServer();
    ThrowawayServer(const ThrowawayServer&) = delete;
    ThrowawayServer& operator=(const ThrowawayServer&) = delete;

    int port() const { return m_port; }
    // base aimed at this server's dbname over TCP.
    ConnectionParams params(const ConnectionParams& base, const QString& dbname = QStringLiteral("postgres")) const;
    void start();
    // As a crash would: no shutdown checkpoint, connections cut at once.
    void kill();

private:
    PgInstallation m_installation = PgInstallation::locate();
    QTemporaryDir m_dir;
    int m_port;
    PgServer m_server;
};
