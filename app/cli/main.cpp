#include "CliCommand.h"
#include "CliCommandLine.h"
#include "base/AppIdentity.h"
#include "pg/PoolerDetection.h"

#include <QCoreApplication>

// tenantctl: the TenantDesk core for scripts, tests and benchmarks. The subcommands are listed
// in one table (CliCommand::all()); this file only dispatches.
static void printUsage(QTextStream& out)
{
    out << "Usage: tenantctl <command> [options]\n\n"
        << "TenantDesk command-line tool for multi-tenant PostgreSQL fleets.\n\nCommands:\n";
    for (const CliCommand& c : CliCommand::all())
        out << "  " << c.name.leftJustified(12) << c.summary << '\n';
    out << "\nOptions:\n  -h, --help     Show this help (tenantctl <command> --help for a command)\n"
        << "  -v, --version  Show the version\n";
    out.flush();
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    AppIdentity::apply(QStringLiteral("tenantctl"));

    // An endpoint found to be a transaction-pooling PgBouncer is said once, on stderr.
    PoolerDetection::setReporter([](const QString& endpoint) {
        cliErr() << "tenantctl: " << PoolerDetection::explanation(endpoint) << Qt::endl;
    });

    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("-h") || args.first() == QLatin1String("--help")
        || args.first() == QLatin1String("help")) {
        printUsage(cliOut());
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == QLatin1String("-v") || args.first() == QLatin1String("--version")) {
        cliOut() << "tenantctl " << TENANTDESK_VERSION << '\n';
        return 0;
    }
    // Options may come before the command (tenantctl --catalog X catalog status): they are its own.
    const qsizetype searched = args.first().startsWith(u'-') ? args.size() : 1;
    for (qsizetype i = 0; i < searched; ++i) {
        for (const CliCommand& command : CliCommand::all()) {
            if (command.name != args[i])
                continue;
            try {
                return command.run(args.mid(0, i) + args.mid(i + 1));
            } catch (const CliCommandLine::Exit& exit) { // --help, or a usage error, printed
                return exit.code;
            }
        }
    }
    cliErr() << "tenantctl: unknown command '" << args.first() << "'\n\n";
    printUsage(cliErr());
    return 2;
}
