#include "CliCatalogConnection.h"

#include "CliCommand.h"
#include "Sandbox.h"
#include "TerminalText.h"

#include <QDir>
#include <QFile>

namespace {

const QString CatalogOption = QStringLiteral("catalog");
const QString DirOption = QStringLiteral("dir");
const QString HelpOption = QStringLiteral("help");
constexpr char EnvironmentVariable[] = "TENANTDESK_CATALOG";

ConnectionParams parseFrom(const QString& source, const QString& conninfo)
{
    try {
        return ConnectionParams::parse(conninfo);
    } catch (const PgError& e) {
        throw PgError::usage(source + QStringLiteral(": ") + e.message());
    }
}

ConnectionParams sandboxParams(const QString& dir)
{
    const QString path = QDir(dir).filePath(QStringLiteral("catalog.conninfo"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw PgError::usage(
            QStringLiteral("No catalog to connect to: pass --catalog \"<conninfo or URI>\", set %1, "
                           "or start the sandbox with `tenantctl sandbox up` (%2 is missing).")
                .arg(QLatin1String(EnvironmentVariable), QDir::toNativeSeparators(path)));
    return parseFrom(QDir::toNativeSeparators(path), QString::fromUtf8(file.readAll()).trimmed());
}

}  // namespace

std::optional<int> CliCatalogConnection::parse(QCommandLineParser& parser, const QStringList& args,
                                               const QString& usage)
{
    parser.addOption({{QStringLiteral("h"), HelpOption}, QStringLiteral("Show this help.")});
    parser.addOption(
        {CatalogOption,
         QStringLiteral("The catalog database, as a libpq connection string or URI (default: $%1, "
                        "else the sandbox).")
             .arg(QLatin1String(EnvironmentVariable)),
         QStringLiteral("conninfo")});
    parser.addOption({DirOption, QStringLiteral("Use the catalog of the sandbox in this directory."),
                      QStringLiteral("dir")});
    const QString command = usage.section(u' ', 0, 0);
    if (!parser.parse(QStringList{QStringLiteral("tenantctl")} + args))
        return usageError(command, parser.errorText());
    if (parser.isSet(HelpOption)) {
        // Qt's usage line names the executable's path and puts [options] first; say it our way.
        QString help = parser.helpText();
        help.replace(0, help.indexOf(u'\n'), QStringLiteral("Usage: tenantctl ") + usage + u'\n');
        cliOut() << help;
        cliOut().flush();
        return 0;
    }
    return std::nullopt;
}

int CliCatalogConnection::usageError(const QString& command, const QString& message)
{
    cliErr() << "tenantctl " << command << ": " << message << "\nRun 'tenantctl " << command
             << " --help' for usage.\n";
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
    else if (const QString fromEnvironment = qEnvironmentVariable(EnvironmentVariable);
             !fromEnvironment.isEmpty())
        params = parseFrom(QLatin1String(EnvironmentVariable), fromEnvironment);
    else
        params = sandboxParams(Sandbox::defaultDir());
    return params.withSafeDefaults();
}

int CliCatalogConnection::withConnection(const QCommandLineParser& parser,
                                         const std::function<int(PgConnection&)>& body)
{
    try {
        PgConnection connection;
        connection.open(params(parser));
        return body(connection);
    } catch (const PgError& e) {
        cliErr() << "tenantctl: " << TerminalText::escapedLines(e.fullText()) << '\n';
        cliErr().flush();
        return 1;
    }
}
