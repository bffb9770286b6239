#pragma once

#include "pg/ConnectionParams.h"
#include "pg/PgConnection.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

// A catalog command's command line, as data: the usage after "tenantctl " (its first word names the
// command in messages), the description and positional arguments that --help shows, the command's
// own options, and how many positional arguments it takes (-1: the command checks them itself) with
// the usage error when the count is wrong.
struct CliSyntax {
    QString usage = {};
    QString description = {};
    QList<std::pair<QString, QString>> arguments = {};
    QList<QCommandLineOption> options = {};
    int argumentCount = -1;
    QString argumentError = {};
};

// A command's actions ("tenants suspend", "shards add", ...): the word and what runs it.
using CliActions = QList<std::pair<QString, std::function<int(const QStringList&)>>>;

// What every catalog command of tenantctl shares: finding the catalog, and the handling of
// arguments, --help, errors and exit codes (0 ok, 1 failure on stderr, 2 bad usage).
//
// The catalog is --catalog "<conninfo or URI>", else $TENANTDESK_CATALOG, else the
// catalog.conninfo file that `tenantctl sandbox up` writes into its directory (--dir, or the
// default sandbox directory). --timeout bounds every statement on the catalog and the shards.
class CliCatalogConnection {
public:
    // Sets parser up as syntax says, adds --help, --catalog, --dir and --timeout, and parses args.
    // Returns the exit code to return at once (0 after printing help, 2 after a usage error), or
    // nullopt to go on.
    static std::optional<int> parse(QCommandLineParser& parser, const QStringList& args, const CliSyntax& syntax);

    // --reason TEXT: why, for the audit log (every command that changes something takes it).
    static QCommandLineOption reasonOption();

    // Prints message and a pointer to --help on stderr; returns 2.
    static int usageError(const QString& command, const QString& message);

    // The catalog connection the options name, with safe defaults applied. Throws InputError
    // when none is named or it does not parse.
    static ConnectionParams params(const QCommandLineParser& parser);

    // --timeout in ms (default PgConnection::DefaultStatementTimeoutMs); 0 when it is not valid.
    static int statementTimeoutMs(const QCommandLineParser& parser);

    // Runs the action named by the first word of args that is neither an option nor a catalog
    // option's value (so the action may follow --catalog), with the other arguments; nullopt when
    // that word names none of actions.
    static std::optional<int> runAction(const QStringList& args, const CliActions& actions);

    // A command made of actions: runs the one args names; lists them on --help, -h or help (exit 0),
    // or as a usage error when none is named (exit 2).
    static int dispatch(const QString& command, const QStringList& args, const CliActions& actions);

    // Connects to the catalog and runs body; a PgError or InputError from either is printed
    // (Failure::text()) and returns 1.
    static int withConnection(const QCommandLineParser& parser, const std::function<int(PgConnection&)>& body);
};
