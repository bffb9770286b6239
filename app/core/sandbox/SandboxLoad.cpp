#include "sandbox/SandboxLoad.h"

#include "pg/SqlResource.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QThread>
#include <stdexcept>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

static const int transactionsPerSecond = 2;

QList<qint64> SandboxLoad::start(const PgInstallation& installation, const SandboxState& state,
                                 const QList<SandboxTenant>& tenants)
{
    if (!installation.hasProgram(QStringLiteral("pgbench")))
        throw std::runtime_error(
            QStringLiteral("--load needs pgbench, which is not in %1").arg(installation.binDir()).toStdString());
    const QDir loadDir(QDir(state.dir).filePath(QStringLiteral("load")));
    loadDir.mkpath(QStringLiteral("."));
    const QString script = loadDir.filePath(QStringLiteral("shopper.pgbench"));
    QFile file(script);
    const QByteArray text = SqlResource::text("sandbox/load_pgbench.sql").toUtf8();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        throw std::runtime_error(QStringLiteral("cannot write %1").arg(script).toStdString());
    file.close();

    QSet<std::pair<int, int>> loaded; // (model, shard)
    QList<qint64> pids;
    for (const SandboxTenant& t : tenants) {
        if (loaded.contains({int(t.model), t.shard}))
            continue;
        loaded.insert({int(t.model), t.shard});
        const SandboxServer& server = state.primary(t.shard);
        const PgCommand pgbench{
            QStringLiteral("pgbench"),
            {QStringLiteral("--no-vacuum"), QStringLiteral("--protocol=extended"), QStringLiteral("--client=1"),
             QStringLiteral("--rate=%1").arg(transactionsPerSecond), QStringLiteral("--time=31536000"),
             QStringLiteral("--file=") + script, QStringLiteral("--define=search_path=") + t.tableSchema(),
             QStringLiteral("--define=tenant_key=")
                 + (t.key.isNull() ? QStringLiteral("none") : t.key.toString(QUuid::WithoutBraces)),
             QStringLiteral("--define=customers=%1").arg(t.customers), QStringLiteral("--define=items=%1").arg(t.items),
             QStringLiteral("--host=127.0.0.1"), QStringLiteral("--port=%1").arg(server.port),
             QStringLiteral("--username=") + SandboxRoles::app,
             t.databaseName.isEmpty() ? server.database : t.databaseName},
            {{QStringLiteral("PGPASSFILE"), state.passfile()},
             {QStringLiteral("PGAPPNAME"), QStringLiteral("tenantdesk-sandbox-load")}},
            QStringLiteral("pgbench for ") + t.slug};
        const qint64 pid = installation.startDetached(pgbench, loadDir.filePath(t.slug + QLatin1String(".log")));
        pids.append(pid);
    }
    return pids;
}

#ifdef Q_OS_UNIX
// A recorded pid that is still alive and still pgbench, not a newer process that reused the pid
// nor a zombie that nobody reaped. Where there is no /proc, existence has to do.
static bool isLoadProcess(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    // "pid (comm) state ...": comm may itself contain parentheses.
    const QByteArray line = stat.readAll();
    const qsizetype open = line.indexOf('(');
    const qsizetype close = line.lastIndexOf(')');
    return open >= 0 && close > open && line.mid(open + 1, close - open - 1) == "pgbench"
           && line.mid(close + 2, 1) != "Z";
}
#endif

QList<qint64> SandboxLoad::running(const QList<qint64>& pids)
{
    QList<qint64> alive;
#ifdef Q_OS_UNIX
    for (qint64 pid : pids) {
        if (isLoadProcess(pid))
            alive.append(pid);
    }
#else
    Q_UNUSED(pids);
#endif
    return alive;
}

void SandboxLoad::stop(const QList<qint64>& pids)
{
#ifdef Q_OS_UNIX
    const QList<qint64> alive = running(pids);
    for (qint64 pid : alive)
        ::kill(pid_t(pid), SIGTERM);
    for (int i = 0; i < 50 && !running(alive).isEmpty(); ++i)
        QThread::msleep(20);
#else
    Q_UNUSED(pids); // pgbench ends by itself once down stops its server
#endif
}
