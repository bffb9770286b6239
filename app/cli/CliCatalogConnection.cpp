#include "CliCatalogConnection.h"

#include "CliCommand.h"
#include "base/InputError.h"
#include "base/TerminalText.h"
#include "sandbox/Sandbox.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <utility>

namespace {

const QString CatalogOption = QStringLiteral("catalog");
const QString DirOption = QStringLiteral("dir");
const QString HelpOption = QStringLiteral("help");
const QString TimeoutOption = QStringLiteral("timeout");
constexpr char EnvironmentVariable[] = "TENANTDESK_CATALOG";

ConnectionParams parseFrom(const QString& source, const QString& conninfo)
{
    try {
        return ConnectionParams::parse(conninfo);
    } catch (const InputError& e) {
        throw InputError(source + QStringLiteral(": ") + e.message());
    }
}

ConnectionParams sandboxParams(const QString& dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("catalog.conninfo"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw InputError(QStringLiteral("No catalog to connect to: pass --catalog \"<conninfo or URI>\", set %1, "
                                        "or start the sandbox with `tenantctl sandbox up` (%2 is missing).")
                             .arg(QLatin1String(EnvironmentVariable), QDir::toNativeSeparators(path)));
    return parseFrom(QDir::toNativeSeparators(path), QString::fromUtf8(file.readAll()).trimmed());
}

} // namespace

std::optional<int> CliCatalogConnection::parse(QCommandLineParser& parser, const QStringList& args,
                                               const CliSyntax& syntax)
{
    parser.setApplicationDescription(syntax.description);
    for (const auto& [name, description] : syntax.arguments)
        parser.addPositionalArgument(name, description);
    parser.addOptions(syntax.options);
    parser.addOption({{QStringLiteral("h"), HelpOption}, QStringLiteral("Show this help.")});
    parser.addOption({CatalogOption,
                      QStringLiteral("The catalog database, as a libpq connection string or URI (default: $%1, "
                                     "else the sandbox).")
                          .arg(QLatin1String(EnvironmentVariable)),
                      QStringLiteral("conninfo")});
    parser.addOption(
        {DirOption, QStringLiteral("Use the catalog of the sandbox in this directory."), QStringLiteral("dir")});
    parser.addOption(
        {TimeoutOption,
         QStringLiteral("Seconds a statement may run on a server (its statement_timeout, unless the connection's "
                        "options set one); a server that has not answered %1 s later is given up on (default %2).")
             .arg(PgConnection::ReplyMarginMs / 1000.0)
             .arg(PgConnection::DefaultStatementTimeoutMs / 1000),
         QStringLiteral("seconds")});
    const QString command = syntax.usage.section(u' ', 0, 0);
    if (!parser.parse(QStringList{QStringLiteral("tenantctl")} + args))
        return usageError(command, parser.errorText());
    if (parser.isSet(TimeoutOption) && statementTimeoutMs(parser) <= 0)
        return usageError(command, QStringLiteral("--timeout takes a number of seconds above 0"));
    if (parser.isSet(HelpOption)) {
        // Qt's usage line names the executable's path and puts [options] first; say it our way.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: tenantctl ") + syntax.usage + u'\n');
        cliOut() << help;
        cliOut().flush();
        return 0;
    }
    if (syntax.argumentCount >= 0 && parser.positionalArguments().size() != syntax.argumentCount)
        return usageError(command, syntax.argumentError);
    return std::nullopt;
}

QCommandLineOption CliCatalogConnection::reasonOption()
{
    return {QStringLiteral("reason"), QStringLiteral("Why, for the audit log."), QStringLiteral("text")};
}

int CliCatalogConnection::usageError(const QString& command, const QString& message)
{
    cliErr() << "tenantctl " << command << ": " << message << "\nRun 'tenantctl " << command << " --help' for usage.\n";
    cliErr().flush();
    return 2;
}

ConnectionParams CliCatalogConnection::params(const QCommandLineParser& parser)
{
    ConnectionParams params;
    if (parser.isSet(CatalogOption))
        params = parseFrom(QStringLiteral("--catalog"), parser.value(CatalogOption));
    else if (parser.isSet(DirOption))
        params = sandboxParams(parser.value(DirOption));
    else if (const QString fromEnvironment = qEnvironmentVariable(EnvironmentVariable); !fromEnvironment.isEmpty())
        params = parseFrom(QLatin1String(EnvironmentVariable), fromEnvironment);
    else {
        params = sandboxParams(Sandbox::defaultDir());
        // Said on stderr, so that an admin who forgot to name their catalog never acts on a
        // sandbox by mistake without being told.
        static bool said = false;
        if (!std::exchange(said, true)) {
            cliErr() << "tenantctl: no --catalog and no $" << EnvironmentVariable << ": using the sandbox's catalog in "
                     << QDir::toNativeSeparators(Sandbox::defaultDir()) << '\n';
            cliErr().flush();
        }
    }
    return params.withSafeDefaults(statementTimeoutMs(parser));
}

int CliCatalogConnection::statementTimeoutMs(const QCommandLineParser& parser)
{
    if (!parser.isSet(TimeoutOption))
        return PgConnection::DefaultStatementTimeoutMs;
    bool ok = false;
    const double seconds = parser.value(TimeoutOption).toDouble(&ok);
    return ok && seconds > 0 && seconds < 86400 ? std::max(1, int(seconds * 1000)) : 0;
}

int CliCatalogConnection::withConnection(const QCommandLineParser& parser,
                                         const std::function<int(PgConnection&)>& body)
{
    try {
        PgConnection connection;
        connection.open(params(parser));
        return body(connection);
    } catch (const Failure& e) {
        cliErr() << "tenantctl: " << TerminalText::escapedLines(e.text()) << '\n';
        cliErr().flush();
        return 1;
    }
}

int CliCatalogConnection::dispatch(const QString& command, const QStringList& args, const CliActions& actions)
{
    if (const std::optional<int> exit = runAction(args, actions))
        return *exit;
    QStringList names;
    for (const auto& action : actions)
        names.append(action.first);
    const bool help = args.contains(QLatin1String("--") + HelpOption) || args.contains(QLatin1String("-h"))
                      || args.contains(QLatin1String("help"));
    if (!help)
        return usageError(command, QStringLiteral("expected an action: %1").arg(names.join(u'|')));
    cliOut() << "Usage: tenantctl " << command << " <action> [options]\n\nActions: " << names.join(QLatin1String(", "))
             << "\n\nEach action has its own options: tenantctl " << command << " <action> --help\n";
    cliOut().flush();
    return 0;
}

std::optional<int> CliCatalogConnection::runAction(const QStringList& args, const CliActions& actions)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--") + CatalogOption || args[i] == QLatin1String("--") + DirOption) {
            ++i;
            continue;
        }
        if (args[i].startsWith(u'-'))
            continue;
        for (const auto& [name, action] : actions) {
            if (args[i] == name)
                return action(args.mid(0, i) + args.mid(i + 1));
        }
        break;
    }
    return std::nullopt;
}
