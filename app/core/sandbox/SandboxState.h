#pragma once

#include "catalog/FleetRoles.h"
#include "pg/ConnectionParams.h"
#include "pg/PgServer.h"

#include <QList>
#include <QString>
#include <optional>

// The roles every sandbox server has (resources/sql/sandbox/roles.sql creates them): the
// standard fleet roles, a superuser and a replication login.
namespace SandboxRoles {
inline const QString superuser = QStringLiteral("postgres");
inline const QString owner = FleetRoles::standard().owner;
inline const QString admin = FleetRoles::standard().admin;
inline const QString support = FleetRoles::standard().support;
inline const QString app = FleetRoles::standard().apps.first();
inline const QString replication = QStringLiteral("replicator");
// Every role that logs in, and so has a password in the passfile.
inline const QList<QString> logins{superuser, admin, support, app, replication};
} // namespace SandboxRoles

// One server of the sandbox as recorded in sandbox.json. A primary is named after its shard.
struct SandboxServer {
    QString name;     // "catalog", "shard-1", "shard-2", "shard-1-replica"
    QString role;     // "catalog", "primary" or "replica"
    QString shard;    // the shard a primary or replica serves
    QString database; // its main database: tenantdesk_catalog or tenants
    int port = 0;

    bool isReplica() const { return role == QLatin1String("replica"); }
};

// What a sandbox directory holds, read from and written to <dir>/sandbox.json. No secrets: the
// passwords are only in the passfile. Paths inside the directory follow from dir.
struct SandboxState {
    QString dir;
    QString binDir;     // the PostgreSQL programs that created the clusters
    bool ready = false; // false while `up` is creating it: a crash leaves a sandbox to recreate
    QList<SandboxServer> servers;
    QList<qint64> loadPids; // the background load generators
    int tenants = 0;
    int catalogTenants = 0;
    int catalogShards = 0;
    int pgbouncerPort = 0; // the PgBouncer in front of shard-1 (SandboxPgBouncer); 0: none

    // The servers of every sandbox, on four ports: catalog, shard-1, shard-2 and shard-1-replica.
    static QList<SandboxServer> layout(const QList<int>& ports);

    static QString fileName(const QString& dir);
    // std::nullopt when dir holds no sandbox.json. Throws std::runtime_error when it cannot be read.
    static std::optional<SandboxState> load(const QString& dir);
    // Written atomically, with the catalog connection string also in <dir>/catalog.conninfo.
    void save() const;

    QString passfile() const;
    QString socketDir() const;
    QString dataDir(const SandboxServer& server) const;
    QString logFile(const SandboxServer& server) const;
    PgServer pgServer(const SandboxServer& server) const;
    // Throws std::runtime_error when there is no such server.
    const SandboxServer& server(const QString& name) const;
    // The primary server of shard-1 or shard-2.
    const SandboxServer& primary(int shard) const;
    const SandboxServer& replica() const;
    const SandboxServer& catalog() const;

    // TCP on 127.0.0.1, authenticated through the passfile.
    ConnectionParams params(const SandboxServer& server, const QString& user, const QString& dbname) const;
    // tenantdesk_admin on tenantdesk_catalog: what `sandbox up` prints.
    ConnectionParams catalogParams() const;
};
