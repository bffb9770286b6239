#include "sandbox/Sandbox.h"

#include "base/InputError.h"
#include "pg/ParallelRunner.h"
#include "pg/PasswordFile.h"
#include "pg/PgInstallation.h"
#include "pg/SqlResource.h"
#include "sandbox/FreePort.h"
#include "sandbox/SandboxCatalog.h"
#include "sandbox/SandboxLoad.h"
#include "sandbox/SandboxPgBouncer.h"
#include "sandbox/SandboxSeeder.h"
#include "sandbox/SandboxTenant.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLockFile>
#include <QTemporaryFile>
#include <QThread>
#include <algorithm>
#include <mutex>
#include <stdexcept>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace {
// pg_ctl bounds its own waits (PgServer); these bound everything else we wait for.
const int programTimeoutMs = 300000;
const int replicaTimeoutMs = 120000;
const QString loopback = QStringLiteral("127.0.0.1");

QString userName()
{
#ifdef Q_OS_UNIX
    if (const passwd* pw = getpwuid(geteuid()))
        return QString::fromLocal8Bit(pw->pw_name);
#endif
    return qEnvironmentVariable("USERNAME", QStringLiteral("user"));
}

std::runtime_error failure(const QString& message)
{
    return std::runtime_error(message.toStdString());
}

QList<std::pair<QString, QString>> serverSettings(const SandboxState& state, const SandboxServer& server,
                                                  bool pgStatStatements)
{
    QList<std::pair<QString, QString>> settings{
        {QStringLiteral("listen_addresses"), loopback},
        {QStringLiteral("port"), QString::number(server.port)},
        {QStringLiteral("unix_socket_directories"), state.socketDir()},
        {QStringLiteral("cluster_name"), server.name},
        {QStringLiteral("max_connections"), QStringLiteral("100")},
        {QStringLiteral("shared_buffers"), QStringLiteral("64MB")},
        // A sandbox is recreated rather than recovered: durability only costs time here.
        {QStringLiteral("fsync"), QStringLiteral("off")},
        {QStringLiteral("synchronous_commit"), QStringLiteral("off")},
        {QStringLiteral("full_page_writes"), QStringLiteral("off")},
        {QStringLiteral("wal_level"), QStringLiteral("replica")},
        {QStringLiteral("max_wal_senders"), QStringLiteral("5")},
        {QStringLiteral("hot_standby"), QStringLiteral("on")},
    };
    if (pgStatStatements) {
        settings.append({QStringLiteral("shared_preload_libraries"), QStringLiteral("pg_stat_statements")});
        settings.append({QStringLiteral("compute_query_id"), QStringLiteral("on")});
    }
    return settings;
}

// A directory of the sandbox that the servers write into.
void makeServerDir(const PgInstallation& pg, const QString& path)
{
    if (!QDir().mkpath(path)
        || !QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        throw failure(QStringLiteral("cannot create the directory %1").arg(path));
    pg.handOver(path);
}

void stopServers(const SandboxState& state)
{
    SandboxPgBouncer::stop(state);
    QList<PgCommand> stops;
    for (const SandboxServer& s : state.servers) {
        if (state.pgServer(s).isRunning())
            stops.append(state.pgServer(s).stop());
    }
    if (!stops.isEmpty())
        PgInstallation::at(state.binDir).runAll(stops, programTimeoutMs);
}

struct Replication {
    QString state; // pg_stat_replication.state; empty when the replica is not connected
    bool caughtUp = false;
    qint64 lagBytes = -1;
};

// The replica as its primary, shard-1, sees it through `primary` (tenantdesk_admin, who has pg_monitor).
Replication replicationOf(PgConnection& primary, const SandboxState& state, const QString& targetLsn)
{
    const PgResult r = primary.exec(SqlResource::text("sandbox/replication.sql"), {state.replica().name, targetLsn});
    if (r.rows() != 1)
        return {};
    return {r.text(0, 0), r.toBool(0, 1), r.toInt(0, 2)};
}

void openShardOneAsAdmin(PgConnection& primary, const SandboxState& state)
{
    primary.open(state.params(state.primary(1), SandboxRoles::admin, QStringLiteral("postgres")).withSafeDefaults());
}

// Until the replica streams and has replayed everything its primary had written when we asked.
void waitForReplica(const SandboxState& state)
{
    PgConnection primary;
    openShardOneAsAdmin(primary, state);
    const QString target = primary.exec(SqlResource::text("sandbox/wal_position.sql")).text(0, 0);
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        const Replication r = replicationOf(primary, state, target);
        if (r.state == QLatin1String("streaming") && r.caughtUp)
            return;
        if (timer.elapsed() > replicaTimeoutMs)
            throw failure(QStringLiteral("the replica %1 is not streaming from %2 after %3 s (state: %4); see %5")
                              .arg(state.replica().name, state.primary(1).name)
                              .arg(replicaTimeoutMs / 1000)
                              .arg(r.state.isEmpty() ? QStringLiteral("not connected") : r.state,
                                   state.logFile(state.replica())));
        QThread::msleep(50);
    }
}

// What the catalog records about the shards: the two shard servers (shard-1 with its replica),
// and catalog-only shards 3..count whose tenant database lives on one of the two servers. Each
// has room for twice its share of the tenants, so that no shard starts out full.
QList<SandboxCatalog::Shard> catalogShards(const SandboxState& state, int count, int tenants)
{
    const int capacity = std::max(1000, (2 * tenants / count + 999) / 1000 * 1000);
    QList<SandboxCatalog::Shard> shards;
    for (int n = 1; n <= count; ++n) {
        const SandboxServer& server = state.primary(n <= 2 ? n : 2 - n % 2);
        // With a PgBouncer, shard-1's primary is reached through it, and only through it.
        const bool pooled = n == 1 && state.pgbouncerPort != 0;
        SandboxCatalog::Shard shard{QStringLiteral("shard-%1").arg(n),
                                    n <= 2 ? server.database : QStringLiteral("bench_shard_%1").arg(n),
                                    capacity,
                                    {{QStringLiteral("primary"), loopback, pooled ? state.pgbouncerPort : server.port,
                                      pooled ? Pooling::Transaction : Pooling::None}}};
        if (n == 1)
            shard.endpoints.append({QStringLiteral("replica"), loopback, state.replica().port});
        shards.append(shard);
    }
    return shards;
}

// The servers initdb creates: all but the replica, which is a copy of its primary.
QList<SandboxServer> clusters(const SandboxState& state)
{
    QList<SandboxServer> servers = state.servers;
    servers.removeIf([](const SandboxServer& s) { return s.isReplica(); });
    return servers;
}

// Every server its own passwords (primary server -> role -> password); a replica, being a copy of
// its primary, has the primary's.
using Passwords = QHash<QString, QHash<QString, QString>>;

Passwords newPasswords(const SandboxState& state)
{
    Passwords passwords;
    for (const SandboxServer& s : clusters(state)) {
        for (const QString& role : SandboxRoles::logins)
            passwords[s.name][role] = PasswordFile::randomPassword();
    }
    return passwords;
}

QHash<QString, QString> passwordsOf(const Passwords& passwords, const SandboxServer& server)
{
    return passwords.value(server.isReplica() ? server.shard : server.name);
}

// One line per server, role and way in (TCP and the Unix socket directory).
void writePassfile(const SandboxState& state, const Passwords& passwords)
{
    PasswordFile passfile;
    for (const SandboxServer& s : state.servers) {
        const QHash<QString, QString> own = passwordsOf(passwords, s);
        for (const QString& role : SandboxRoles::logins) {
            passfile.add(loopback, s.port, role, own[role]);
            passfile.add(state.socketDir(), s.port, role, own[role]);
        }
    }
    // The PgBouncer in front of shard-1 lets the same roles in with the same passwords.
    if (state.pgbouncerPort != 0) {
        for (const QString& role : SandboxRoles::logins)
            passfile.add(loopback, state.pgbouncerPort, role, passwordsOf(passwords, state.primary(1))[role]);
    }
    passfile.write(state.passfile());
}

// initdb of every primary at once, each with its superuser password in a file that the server
// user can read for as long as initdb runs.
void initClusters(const PgInstallation& pg, const SandboxState& state, const Passwords& passwords)
{
    std::vector<std::unique_ptr<QTemporaryFile>> passwordFiles;
    QList<PgCommand> initdbs;
    for (const SandboxServer& s : clusters(state)) {
        auto file = std::make_unique<QTemporaryFile>(QDir(state.dir).filePath(QStringLiteral("superuser-XXXXXX")));
        if (!file->open() || file->write(passwordsOf(passwords, s)[SandboxRoles::superuser].toUtf8() + '\n') < 0
            || !file->flush())
            throw failure(QStringLiteral("cannot write a password file in %1").arg(state.dir));
        pg.handOver(file->fileName());
        initdbs.append(state.pgServer(s).initdb(SandboxRoles::superuser, file->fileName()));
        passwordFiles.push_back(std::move(file));
    }
    pg.runAll(initdbs, programTimeoutMs);
}

bool hasPgStatStatements(const PgInstallation& pg)
{
    const QString extensionDir = pg.extensionDir();
    return !extensionDir.isEmpty()
           && QFile::exists(QDir(extensionDir).filePath(QStringLiteral("pg_stat_statements.control")));
}

// The replica of shard-1: a base backup that creates its slot, then started as a hot standby.
void makeReplica(const PgInstallation& pg, const SandboxState& state, const Passwords& passwords, bool pgStatStatements,
                 const Sandbox::Progress& say)
{
    const SandboxServer& replica = state.replica();
    const SandboxServer& primary = state.primary(1);
    say(QStringLiteral("%1: base backup of %2").arg(replica.name, primary.name));
    const PgServer server = state.pgServer(replica);
    pg.run(server.baseBackup(primary.port, SandboxRoles::replication,
                             passwordsOf(passwords, primary)[SandboxRoles::replication], replica.name,
                             QString(replica.name).replace(u'-', u'_')),
           programTimeoutMs);
    // The backup copied the primary's settings; the replica's own come last and win.
    server.configure(serverSettings(state, replica, pgStatStatements));
    pg.run(server.start(state.logFile(replica)), programTimeoutMs);
}

// A job against one server of the sandbox.
struct ServerJob {
    QString server;
    std::function<void()> run;
};

// Runs the jobs on a ParallelRunner, one at a time per server, and meanwhile what this thread has
// to do; waits for every job (also when meanwhile throws: the jobs use the caller's state), then
// throws the first error.
void onEachServer(const QList<ServerJob>& jobs, const std::function<void()>& meanwhile = {})
{
    ParallelRunner runner(int(jobs.size()), 1);
    std::optional<JobError> error;
    for (const ServerJob& job : jobs)
        runner.run<void>(job.server, job.run, &runner, [&](const Outcome<void>& outcome) {
            if (!outcome.ok() && !error)
                error = outcome.error;
        });
    try {
        if (meanwhile)
            meanwhile();
    } catch (...) {
        runner.waitForIdle();
        throw;
    }
    runner.waitForIdle();
    if (error)
        error->rethrow();
}

// A shard server's databases and its tenants' data, and the databases of the catalog-only
// shards that live on it.
void seedShard(const SandboxState& state, int shard, const QList<SandboxCatalog::Shard>& shards,
               const QList<SandboxTenant>& tenants, const Sandbox::Progress& say)
{
    const SandboxServer& server = state.primary(shard);
    SandboxSeeder seeder(state.params(server, SandboxRoles::superuser, server.database));
    seeder.prepareShard();
    for (const SandboxCatalog::Shard& s : shards.mid(2)) {
        if (s.endpoints.constFirst().port == server.port)
            seeder.createEmptyDatabase(s.tenantDatabase);
    }
    int seeded = 0;
    for (const SandboxTenant& t : tenants) {
        if (t.shard == shard) {
            seeder.seed(t);
            ++seeded;
        }
    }
    seeder.analyze();
    say(QStringLiteral("%1: %2 tenants seeded").arg(server.name).arg(seeded));
}

void writeCatalog(const SandboxState& state, const QList<SandboxCatalog::Shard>& shards,
                  const QList<SandboxTenant>& tenants, int catalogOnlyTenants, const Sandbox::Progress& say)
{
    say(QStringLiteral("catalog: %1 tenants, %2 shards").arg(tenants.size()).arg(shards.size()));
    const SandboxServer& catalog = state.catalog();
    {
        PgConnection server;
        server.open(state.params(catalog, SandboxRoles::superuser, QStringLiteral("postgres")));
        SandboxSeeder::createDatabase(server, catalog.database, SandboxRoles::admin);
    }
    PgConnection admin;
    admin.open(state.catalogParams());
    // A million catalog-only tenants are one INSERT and a VACUUM: minutes on a slow machine.
    admin.setReplyTimeout(programTimeoutMs);
    SandboxCatalog::write(admin, shards, tenants);
    if (catalogOnlyTenants > 0) {
        say(QStringLiteral("catalog: %1 catalog-only tenants").arg(catalogOnlyTenants));
        SandboxCatalog::addBenchTenants(admin, catalogOnlyTenants);
    }
}

// One `up` or `down` at a time per directory, across processes. The lock file sits beside the
// directory, which purge removes; a lock whose process died is taken over.
void lockDirectory(QLockFile& lock, const QString& dir)
{
    lock.setStaleLockTime(0);
    if (lock.tryLock(programTimeoutMs))
        return;
    if (lock.error() == QLockFile::LockFailedError)
        throw failure(QStringLiteral("another `tenantctl sandbox` is still working on %1").arg(dir));
    throw failure(QStringLiteral("cannot create %1.lock beside the sandbox directory").arg(dir));
}
} // namespace

bool Sandbox::Status::allUp() const
{
    if (!ready || servers.isEmpty())
        return false;
    for (const ServerStatus& s : servers) {
        if (!s.running || (s.server.isReplica() && s.replication != QLatin1String("streaming")))
            return false;
    }
    if (pgbouncerPort != 0 && !pgbouncerRunning)
        return false;
    return true;
}

Sandbox::Sandbox(const QString& dir)
    : m_dir(QDir(dir).absolutePath())
{
}

QString Sandbox::defaultDir()
{
    return QDir(QDir::tempPath()).filePath(QStringLiteral("tenantdesk-sandbox-") + userName());
}

ConnectionParams Sandbox::up(const Options& options, const Progress& progress)
{
    if (options.tenants < 1 || options.tenants > 1000)
        throw InputError(QStringLiteral("--tenants must be between 1 and 1000"));
    if (options.catalogTenants < 0 || options.catalogTenants > 1000000)
        throw InputError(QStringLiteral("--catalog-tenants must be between 0 and 1000000"));
    if (options.catalogShards < 2 || options.catalogShards > 256)
        throw InputError(QStringLiteral("--catalog-shards must be between 2 and 256"));
    std::mutex mutex;
    const Progress say = [&](const QString& message) {
        std::lock_guard lock(mutex);
        if (progress)
            progress(message);
    };
    QDir().mkpath(QFileInfo(m_dir).absolutePath());
    QLockFile lock(m_dir + QLatin1String(".lock"));
    lockDirectory(lock, m_dir);
    if (options.fresh)
        stop(true, say);
    const std::optional<SandboxState> existing = SandboxState::load(m_dir);
    if (existing && existing->ready)
        return resume(*existing, options, say);
    if (existing) {
        say(QStringLiteral("An earlier `sandbox up` in %1 did not finish: recreating it").arg(m_dir));
        stop(true, say);
    }
    return create(options, say);
}

ConnectionParams Sandbox::create(const Options& options, const Progress& say)
{
    if (QDir dir(m_dir); dir.exists() && !dir.isEmpty())
        throw failure(QStringLiteral("%1 is not empty and holds no sandbox: choose another --dir").arg(m_dir));
    const PgInstallation pg = PgInstallation::locate();
    SandboxState state;
    state.dir = m_dir;
    state.binDir = pg.binDir();
    const QList<int> ports = FreePort::pick(options.pgbouncer ? 5 : 4);
    state.servers = SandboxState::layout(ports);
    state.pgbouncerPort = options.pgbouncer ? ports.at(4) : 0;
    state.tenants = options.tenants;
    state.catalogTenants = options.catalogTenants;
    state.catalogShards = options.catalogShards;
    if (QFile::encodeName(QDir(state.socketDir()).filePath(QStringLiteral(".s.PGSQL.65535"))).size() >= 100)
        throw InputError(
            QStringLiteral("%1 is too long a path for the servers' Unix sockets: choose a shorter --dir").arg(m_dir));
    pg.checkReachable(m_dir);
    say(QStringLiteral("Creating the sandbox in %1 with PostgreSQL from %2%3")
            .arg(m_dir, pg.binDir(), pg.runsAsOtherUser() ? QStringLiteral(" (servers run as postgres)") : QString()));
    makeServerDir(pg, m_dir);
    makeServerDir(pg, state.socketDir());
    makeServerDir(pg, QDir(m_dir).filePath(QStringLiteral("logs")));
    state.save(); // not ready yet: a crash from here on leaves a sandbox that `up` recreates

    try {
        const Passwords passwords = newPasswords(state);
        writePassfile(state, passwords);
        say(QStringLiteral("initdb: catalog, shard-1, shard-2"));
        initClusters(pg, state, passwords);
        const bool pgStatStatements = hasPgStatStatements(pg);
        if (!pgStatStatements)
            say(QStringLiteral("pg_stat_statements is not installed: query statistics are off"));
        QList<PgCommand> starts;
        QStringList ports;
        for (const SandboxServer& s : clusters(state)) {
            state.pgServer(s).configure(serverSettings(state, s, pgStatStatements));
            starts.append(state.pgServer(s).start(state.logFile(s)));
            ports.append(QString::number(s.port));
        }
        say(QStringLiteral("Starting the servers on ports ") + ports.join(QLatin1String(", ")));
        pg.runAll(starts, programTimeoutMs);
        if (state.pgbouncerPort != 0) {
            say(QStringLiteral("pgbouncer: transaction pooling on port %1 in front of %2")
                    .arg(state.pgbouncerPort)
                    .arg(state.primary(1).name));
            SandboxPgBouncer::configure(pg, state, passwordsOf(passwords, state.primary(1)));
        }
        {
            QList<ServerJob> prepare;
            for (const SandboxServer& s : clusters(state))
                prepare.append({s.name, [&, s] {
                                    SandboxSeeder::prepareServer(
                                        state.params(s, SandboxRoles::superuser, QStringLiteral("template1")),
                                        passwordsOf(passwords, s), pgStatStatements);
                                }});
            onEachServer(prepare);
        }

        const QList<SandboxTenant> tenants = SandboxTenant::plan(options.tenants);
        const QList<SandboxCatalog::Shard> shards = catalogShards(state, options.catalogShards,
                                                                  options.tenants + options.catalogTenants);
        // The two shard servers are seeded at once, while this thread makes the replica and the catalog.
        QList<ServerJob> seed;
        for (int shard = 1; shard <= 2; ++shard)
            seed.append({state.primary(shard).name, [&, shard] { seedShard(state, shard, shards, tenants, say); }});
        onEachServer(seed, [&] {
            makeReplica(pg, state, passwords, pgStatStatements, say);
            writeCatalog(state, shards, tenants, options.catalogTenants, say);
        });
        say(QStringLiteral("%1: waiting until it has replayed the seed").arg(state.replica().name));
        waitForReplica(state);
        if (state.pgbouncerPort != 0)
            SandboxPgBouncer::start(pg, state);
        if (options.load) {
            say(QStringLiteral("Starting the background load"));
            state.loadPids = SandboxLoad::start(pg, state, tenants);
        }
        state.ready = true;
        state.save();
        return state.catalogParams();
    } catch (...) {
        say(QStringLiteral("Failed: stopping what was started (logs stay in %1)")
                .arg(QDir(m_dir).filePath(QStringLiteral("logs"))));
        try {
            SandboxLoad::stop(state.loadPids);
            stopServers(state);
        } catch (const std::exception& e) {
            say(QString::fromUtf8(e.what()));
        }
        throw;
    }
}

ConnectionParams Sandbox::resume(SandboxState state, const Options& options, const Progress& say)
{
    const PgInstallation pg = PgInstallation::at(state.binDir);
    QList<PgCommand> starts;
    for (const SandboxServer& s : state.servers) {
        if (!state.pgServer(s).isRunning())
            starts.append(state.pgServer(s).start(state.logFile(s)));
    }
    if (starts.isEmpty()) {
        say(QStringLiteral("The sandbox in %1 is already up").arg(m_dir));
    } else {
        say(QStringLiteral("Starting %1 stopped server(s) of the sandbox in %2").arg(starts.size()).arg(m_dir));
        pg.runAll(starts, programTimeoutMs);
    }
    if (state.pgbouncerPort != 0 && !SandboxPgBouncer::isRunning(state)) {
        say(QStringLiteral("Starting pgbouncer on port %1").arg(state.pgbouncerPort));
        SandboxPgBouncer::start(pg, state);
    } else if (options.pgbouncer && state.pgbouncerPort == 0) {
        say(QStringLiteral("It has no PgBouncer; --fresh recreates it with one"));
    }
    if (options.tenants != state.tenants || options.catalogTenants != state.catalogTenants
        || options.catalogShards != state.catalogShards)
        say(QStringLiteral("It keeps its %1 tenants, %2 catalog-only tenants and %3 shards; --fresh recreates it")
                .arg(state.tenants)
                .arg(state.catalogTenants)
                .arg(state.catalogShards));
    waitForReplica(state);
    if (options.load && SandboxLoad::running(state.loadPids).isEmpty()) {
        say(QStringLiteral("Starting the background load"));
        state.loadPids = SandboxLoad::start(pg, state, SandboxTenant::plan(state.tenants));
    }
    state.save();
    return state.catalogParams();
}

Sandbox::Status Sandbox::status() const
{
    Status status;
    const std::optional<SandboxState> state = SandboxState::load(m_dir);
    if (!state)
        return status;
    status.exists = true;
    status.ready = state->ready;
    for (const SandboxServer& s : state->servers) {
        ServerStatus server{s, state->pgServer(s).isRunning(), {}, -1};
        if (s.isReplica() && server.running && state->pgServer(state->primary(1)).isRunning()) {
            try {
                PgConnection primary;
                openShardOneAsAdmin(primary, *state);
                const Replication r = replicationOf(primary, *state, QStringLiteral("0/0"));
                server.replication = r.state;
                server.replayLagBytes = r.lagBytes;
            } catch (const PgError&) {
                // An unreachable primary: the replica is reported as not replicating.
            }
        }
        status.servers.append(server);
    }
    status.loadPids = SandboxLoad::running(state->loadPids);
    status.pgbouncerPort = state->pgbouncerPort;
    status.pgbouncerRunning = state->pgbouncerPort != 0 && SandboxPgBouncer::isRunning(*state);
    return status;
}

void Sandbox::down(bool purge, const Progress& progress)
{
    const Progress say = progress ? progress : [](const QString&) {};
    if (!QFileInfo::exists(m_dir)) {
        say(QStringLiteral("There is no sandbox in %1").arg(m_dir));
        return;
    }
    QLockFile lock(m_dir + QLatin1String(".lock"));
    lockDirectory(lock, m_dir);
    stop(purge, say);
}

void Sandbox::stop(bool purge, const Progress& say)
{
    std::optional<SandboxState> state = SandboxState::load(m_dir);
    QDir dir(m_dir);
    if (!state) {
        if (purge && dir.exists() && !dir.isEmpty())
            throw failure(QStringLiteral("%1 holds no sandbox: not removing it").arg(m_dir));
        if (purge)
            dir.removeRecursively();
        say(QStringLiteral("There is no sandbox in %1").arg(m_dir));
        return;
    }
    SandboxLoad::stop(state->loadPids);
    state->loadPids.clear();
    say(QStringLiteral("Stopping the sandbox in %1").arg(m_dir));
    stopServers(*state);
    if (purge) {
        if (!dir.removeRecursively())
            throw failure(QStringLiteral("cannot remove %1 completely").arg(m_dir));
        say(QStringLiteral("Removed %1").arg(m_dir));
    } else {
        state->save();
    }
}
