#include "CliCommand.h"
#include "base/InputError.h"
#include "sandbox/Sandbox.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

// tenantctl sandbox up|status|down: the sandbox fleet (Sandbox) from a shell.

static QCommandLineOption dirOption()
{
    return {QStringLiteral("dir"), QStringLiteral("Sandbox directory (default: %1).").arg(Sandbox::defaultDir()),
            QStringLiteral("D"), Sandbox::defaultDir()};
}

// Parses the options of one action; prints its help or a usage error. Returns 0 to go on, else the exit code.
static int parse(QCommandLineParser& parser, const QString& action, const QString& description, const QStringList& args)
{
    parser.setApplicationDescription(description);
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.addOption(dirOption());
    if (!parser.parse(QStringList{QStringLiteral("tenantctl sandbox ") + action} + args)) {
        cliErr() << "tenantctl sandbox " << action << ": " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(help)) {
        // helpText() starts with a usage line naming the executable's path; ours names the action.
        const QString text = parser.helpText();
        cliOut() << "Usage: tenantctl sandbox " << action << " [options]" << text.mid(text.indexOf(u'\n'));
        return -1;
    }
    if (!parser.positionalArguments().isEmpty()) {
        cliErr() << "tenantctl sandbox " << action << ": unexpected argument '" << parser.positionalArguments().first()
                 << "'\n";
        return 2;
    }
    return 0;
}

static bool intOption(const QCommandLineParser& parser, const QString& name, int& value)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    value = parser.value(name).toInt(&ok);
    if (!ok)
        cliErr() << "tenantctl sandbox up: --" << name << " needs a number, not '" << parser.value(name) << "'\n";
    return ok;
}

static int up(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("tenants"), QStringLiteral("Tenants to seed with store data (default 40)."),
         QStringLiteral("N")},
        {QStringLiteral("load"), QStringLiteral("Start background load (pgbench) on a few tenants.")},
        {QStringLiteral("catalog-tenants"), QStringLiteral("Extra catalog-only tenants, for benchmarks (default 0)."),
         QStringLiteral("N")},
        {QStringLiteral("catalog-shards"),
         QStringLiteral("Shards in the catalog (default 2); shard-3 and up live on the two shard servers."),
         QStringLiteral("M")},
        {QStringLiteral("fresh"), QStringLiteral("Remove an existing sandbox in the directory first.")},
        {QStringLiteral("pgbouncer"),
         QStringLiteral("Put a PgBouncer (transaction pooling) in front of shard-1's primary; the catalog "
                        "reaches that primary only through it. Takes effect when the sandbox is created.")},
    });
    if (const int rc = parse(parser, QStringLiteral("up"),
                             QStringLiteral("Starts the sandbox fleet, creating and seeding it if needed. The last "
                                            "line of output is the catalog connection string."),
                             args))
        return std::max(rc, 0);
    Sandbox::Options options;
    options.load = parser.isSet(QStringLiteral("load"));
    options.fresh = parser.isSet(QStringLiteral("fresh"));
    options.pgbouncer = parser.isSet(QStringLiteral("pgbouncer"));
    if (!intOption(parser, QStringLiteral("tenants"), options.tenants)
        || !intOption(parser, QStringLiteral("catalog-tenants"), options.catalogTenants)
        || !intOption(parser, QStringLiteral("catalog-shards"), options.catalogShards))
        return 2;
    QElapsedTimer timer;
    timer.start();
    const auto progress = [&](const QString& message) {
        cliOut() << QStringLiteral("[%1 s] ").arg(timer.elapsed() / 1000.0, 5, 'f', 1) << message << Qt::endl;
    };
    const ConnectionParams catalog = Sandbox(parser.value(QStringLiteral("dir"))).up(options, progress);
    progress(QStringLiteral("Sandbox up. Catalog connection:"));
    cliOut() << catalog.toConnectionString() << Qt::endl;
    return 0;
}

static int status(const QStringList& args)
{
    QCommandLineParser parser;
    if (const int rc = parse(parser, QStringLiteral("status"),
                             QStringLiteral("Shows the servers of the sandbox. Exit code 0 when all are up and the "
                                            "replica streams, 1 otherwise."),
                             args))
        return std::max(rc, 0);
    const Sandbox sandbox(parser.value(QStringLiteral("dir")));
    const Sandbox::Status status = sandbox.status();
    if (!status.exists) {
        cliOut() << "There is no sandbox in " << sandbox.dir() << '\n';
        return 1;
    }
    cliOut() << "Sandbox in " << sandbox.dir() << (status.ready ? "" : " (incomplete: `sandbox up` recreates it)")
             << '\n';
    for (const Sandbox::ServerStatus& s : status.servers) {
        QString replication;
        if (s.server.isReplica())
            replication = s.replication.isEmpty() ? QStringLiteral("not replicating")
                                                  : QStringLiteral("%1 from %2, %3 bytes to replay")
                                                        .arg(s.replication, s.server.shard)
                                                        .arg(s.replayLagBytes);
        cliOut() << "  " << s.server.name.leftJustified(16) << s.server.role.leftJustified(8)
                 << "127.0.0.1:" << QString::number(s.server.port).leftJustified(6)
                 << (s.running ? "running  " : "stopped  ") << replication << '\n';
    }
    if (status.pgbouncerPort != 0)
        cliOut() << "  " << QStringLiteral("pgbouncer").leftJustified(16) << QStringLiteral("pooler").leftJustified(8)
                 << "127.0.0.1:" << QString::number(status.pgbouncerPort).leftJustified(6)
                 << (status.pgbouncerRunning ? "running  " : "stopped  ") << "transaction pooling for shard-1\n";
    cliOut() << "  load: "
             << (status.loadPids.isEmpty() ? QStringLiteral("off")
                                           : QStringLiteral("%1 pgbench running").arg(status.loadPids.size()))
             << '\n';
    return status.allUp() ? 0 : 1;
}

static int down(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("purge"), QStringLiteral("Also remove the sandbox directory.")});
    if (const int rc = parse(parser, QStringLiteral("down"),
                             QStringLiteral("Stops the sandbox's servers and load. Its data stays for the next `up` "
                                            "unless --purge."),
                             args))
        return std::max(rc, 0);
    Sandbox(parser.value(QStringLiteral("dir")))
        .down(parser.isSet(QStringLiteral("purge")), [](const QString& message) { cliOut() << message << Qt::endl; });
    return 0;
}

int runSandbox(const QStringList& args)
{
    const QString action = args.value(0);
    try {
        if (action == QLatin1String("up"))
            return up(args.mid(1));
        if (action == QLatin1String("status"))
            return status(args.mid(1));
        if (action == QLatin1String("down"))
            return down(args.mid(1));
    } catch (const Failure& e) {
        cliErr() << "tenantctl sandbox " << action << ": " << e.text() << '\n';
        return dynamic_cast<const InputError*>(&e) ? 2 : 1;
    } catch (const std::exception& e) {
        cliErr() << "tenantctl sandbox " << action << ": " << QString::fromUtf8(e.what()) << '\n';
        return 1;
    }
    QTextStream& out = action == QLatin1String("-h") || action == QLatin1String("--help") ? cliOut() : cliErr();
    out << "Usage: tenantctl sandbox up|status|down [options]\n\n"
        << CliCommand::summaryOf(QStringLiteral("sandbox")) << ".\n\n"
        << "  up      Start the sandbox, creating and seeding it if needed\n"
        << "  status  Show its servers and replication\n"
        << "  down    Stop it (--purge also removes its directory)\n\n"
        << "tenantctl sandbox <action> --help shows the options of an action.\n";
    return &out == &cliOut() ? 0 : 2;
}
