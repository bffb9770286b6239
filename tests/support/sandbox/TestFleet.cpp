#include "TestFleet.h"

#include "base/InputError.h"

#include <QDir>
#include <QFile>
#include <exception>

[[noreturn]] static void noSandbox(const QString& why)
{
    qFatal("TestFleet: %s. The db and gui tests need the sandbox fleet: run them through ctest (the "
           "sandbox_up fixture starts it), or start one with `tenantctl sandbox up --dir <dir>` and set "
           "TENANTDESK_TEST_SANDBOX=<dir>.",
           qPrintable(why));
}

QString TestFleet::sandboxDir()
{
    const QString dir = qEnvironmentVariable("TENANTDESK_TEST_SANDBOX");
    if (dir.isEmpty())
        noSandbox(QStringLiteral("TENANTDESK_TEST_SANDBOX is not set"));
    return dir;
}

const SandboxState& TestFleet::state()
{
    static const SandboxState state = [] {
        const QString dir = sandboxDir();
        try {
            std::optional<SandboxState> loaded = SandboxState::load(dir);
            if (!loaded || !loaded->ready)
                noSandbox(QStringLiteral("there is no sandbox that is up in %1").arg(dir));
            return *loaded;
        } catch (const std::exception& e) {
            noSandbox(QString::fromUtf8(e.what()));
        }
    }();
    return state;
}

QString TestFleet::passfile()
{
    return state().passfile();
}

ConnectionParams TestFleet::catalogParams()
{
    QFile file(QDir(sandboxDir()).filePath(QStringLiteral("catalog.conninfo")));
    if (!file.open(QIODevice::ReadOnly))
        noSandbox(QStringLiteral("cannot read %1").arg(file.fileName()));
    try {
        return ConnectionParams::parse(QString::fromUtf8(file.readAll()));
    } catch (const InputError& e) {
        noSandbox(file.fileName() + QLatin1String(": ") + e.message());
    }
}

ConnectionParams TestFleet::shardParams(int shard, const QString& user, const QString& dbname)
{
    const SandboxServer& server = state().primary(shard);
    return state().params(server, user, dbname.isEmpty() ? server.database : dbname);
}

ConnectionParams TestFleet::replicaParams(const QString& user, const QString& dbname)
{
    const SandboxServer& server = state().replica();
    return state().params(server, user, dbname.isEmpty() ? server.database : dbname);
}

ConnectionParams TestFleet::supportParams(int shard, const QString& dbname)
{
    return shardParams(shard, SandboxRoles::support, dbname);
}

ConnectionParams TestFleet::appParams(int shard, const QString& dbname)
{
    return shardParams(shard, SandboxRoles::app, dbname);
}
