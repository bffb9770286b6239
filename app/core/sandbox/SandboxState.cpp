#include "sandbox/SandboxState.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <stdexcept>

static const int formatVersion = 1;
static const QString catalogServer = QStringLiteral("catalog");
static const QString replicaServer = QStringLiteral("shard-1-replica");

static QString shardName(int shard)
{
    return QStringLiteral("shard-%1").arg(shard);
}

static void writeFile(const QString& path, const QByteArray& data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        throw std::runtime_error(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
}

QList<SandboxServer> SandboxState::layout(const QList<int>& ports)
{
    const QString catalogDatabase = QStringLiteral("tenantdesk_catalog");
    const QString tenantDatabase = QStringLiteral("tenants");
    return {{catalogServer, QStringLiteral("catalog"), {}, catalogDatabase, ports.at(0)},
            {shardName(1), QStringLiteral("primary"), shardName(1), tenantDatabase, ports.at(1)},
            {shardName(2), QStringLiteral("primary"), shardName(2), tenantDatabase, ports.at(2)},
            {replicaServer, QStringLiteral("replica"), shardName(1), tenantDatabase, ports.at(3)}};
}

QString SandboxState::fileName(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("sandbox.json"));
}

std::optional<SandboxState> SandboxState::load(const QString& dir)
{
    QFile file(fileName(dir));
    if (!file.exists())
        return std::nullopt;
    QJsonParseError error;
    const QJsonObject json = file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll(), &error).object()
                                                            : QJsonObject();
    if (json.value(QLatin1String("format")).toInt() != formatVersion)
        throw std::runtime_error(
            QStringLiteral("%1 is not a sandbox description this version understands; remove the directory "
                           "or use another --dir")
                .arg(file.fileName())
                .toStdString());
    SandboxState state;
    state.dir = QDir(dir).absolutePath();
    state.binDir = json.value(QLatin1String("binDir")).toString();
    state.ready = json.value(QLatin1String("ready")).toBool();
    for (const QJsonValue& value : json.value(QLatin1String("servers")).toArray()) {
        const QJsonObject s = value.toObject();
        state.servers.append({s.value(QLatin1String("name")).toString(), s.value(QLatin1String("role")).toString(),
                              s.value(QLatin1String("shard")).toString(), s.value(QLatin1String("database")).toString(),
                              s.value(QLatin1String("port")).toInt()});
    }
    for (const QJsonValue& pid : json.value(QLatin1String("loadPids")).toArray())
        state.loadPids.append(pid.toInteger());
    state.tenants = json.value(QLatin1String("tenants")).toInt();
    state.catalogTenants = json.value(QLatin1String("catalogTenants")).toInt();
    state.catalogShards = json.value(QLatin1String("catalogShards")).toInt();
    state.pgbouncerPort = json.value(QLatin1String("pgbouncerPort")).toInt();
    return state;
}

void SandboxState::save() const
{
    QJsonArray serverArray;
    for (const SandboxServer& s : servers) {
        serverArray.append(QJsonObject{{QLatin1String("name"), s.name},
                                       {QLatin1String("role"), s.role},
                                       {QLatin1String("shard"), s.shard},
                                       {QLatin1String("database"), s.database},
                                       {QLatin1String("port"), s.port},
                                       {QLatin1String("dataDir"), dataDir(s)},
                                       {QLatin1String("pid"), pgServer(s).pid()}});
    }
    QJsonArray pids;
    for (qint64 pid : loadPids)
        pids.append(pid);
    QJsonObject roles;
    roles.insert(QLatin1String("superuser"), SandboxRoles::superuser);
    roles.insert(QLatin1String("owner"), SandboxRoles::owner);
    roles.insert(QLatin1String("admin"), SandboxRoles::admin);
    roles.insert(QLatin1String("support"), SandboxRoles::support);
    roles.insert(QLatin1String("app"), SandboxRoles::app);
    roles.insert(QLatin1String("replication"), SandboxRoles::replication);
    // passfile, socketDir, dataDir, pid, roles and catalog are for people and scripts reading the
    // file; load() derives them again.
    const QJsonObject json{{QLatin1String("format"), formatVersion},
                           {QLatin1String("ready"), ready},
                           {QLatin1String("binDir"), binDir},
                           {QLatin1String("passfile"), passfile()},
                           {QLatin1String("socketDir"), socketDir()},
                           {QLatin1String("catalog"), catalogParams().toConnectionString()},
                           {QLatin1String("roles"), roles},
                           {QLatin1String("servers"), serverArray},
                           {QLatin1String("loadPids"), pids},
                           {QLatin1String("tenants"), tenants},
                           {QLatin1String("catalogTenants"), catalogTenants},
                           {QLatin1String("catalogShards"), catalogShards},
                           {QLatin1String("pgbouncerPort"), pgbouncerPort}};
    writeFile(fileName(dir), QJsonDocument(json).toJson());
    const QString conninfo = QDir(dir).filePath(QStringLiteral("catalog.conninfo"));
    if (ready)
        writeFile(conninfo, (catalogParams().toConnectionString() + u'\n').toUtf8());
    else
        QFile::remove(conninfo);
}

QString SandboxState::passfile() const
{
    return QDir(dir).filePath(QStringLiteral("pgpass"));
}

QString SandboxState::socketDir() const
{
    return QDir(dir).filePath(QStringLiteral("run"));
}

QString SandboxState::dataDir(const SandboxServer& server) const
{
    return QDir(dir).filePath(server.name);
}

QString SandboxState::logFile(const SandboxServer& server) const
{
    return QDir(dir).filePath(QStringLiteral("logs/") + server.name + QLatin1String(".log"));
}

PgServer SandboxState::pgServer(const SandboxServer& server) const
{
    return PgServer(dataDir(server), server.port, socketDir());
}

const SandboxServer& SandboxState::server(const QString& name) const
{
    for (const SandboxServer& s : servers) {
        if (s.name == name)
            return s;
    }
    throw std::runtime_error(QStringLiteral("the sandbox in %1 has no server %2").arg(dir, name).toStdString());
}

const SandboxServer& SandboxState::primary(int shard) const
{
    return server(shardName(shard));
}

const SandboxServer& SandboxState::replica() const
{
    return server(replicaServer);
}

const SandboxServer& SandboxState::catalog() const
{
    return server(catalogServer);
}

ConnectionParams SandboxState::params(const SandboxServer& server, const QString& user, const QString& dbname) const
{
    ConnectionParams p;
    p.set("host", QStringLiteral("127.0.0.1"));
    p.set("port", QString::number(server.port));
    p.set("dbname", dbname);
    p.set("user", user);
    p.set("passfile", passfile());
    return p;
}

ConnectionParams SandboxState::catalogParams() const
{
    const SandboxServer& c = catalog();
    return params(c, SandboxRoles::admin, c.database);
}
