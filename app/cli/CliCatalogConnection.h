#pragma once

#include "pg/ConnectionParams.h"
#include "pg/PgConnection.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <initializer_list>
#include <optional>
#include <utility>

class ShardConnections;

// A catalog command's command line, as data: the usage after "tenantctl " (its first word names the
// command in messages), the description and positional arguments that --help shows, the command's
// own options, whether it takes --reason (a command that changes something, for the audit log), and
// how many positional arguments it takes (-1: the command checks them itself) with the usage error
// when the count is wrong.
struct CliSyntax {
    QString usage = {};
    QString description = {};
    QList<std::pair<QString, QString>> arguments = {};
    QList<QCommandLineOption> options = {};
    bool audited = false;
    int argumentCount = -1;
    QString argumentError = {};

    // The syntax of an action that takes exactly these positional arguments; error: the usage
    // error when the count is wrong (default: "expected: <usage>").
    static CliSyntax exactly(const QString& usage, const QString& description,
                             const QList<std::pair<QString, QString>>& arguments,
                             const QList<QCommandLineOption>& options, bool audited, const QString& error = {});
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
    // Sets parser up as syntax says, adds --help, --catalog, --dir and --timeout (and --reason when
    // the syntax is audited), and parses args. Returns the exit code to return at once (0 after
    // printing help, 2 after a usage error), or nullopt to go on.
    static std::optional<int> parse(QCommandLineParser& parser, const QStringList& args, const CliSyntax& syntax);

    // --reason TEXT of an audited command: why, for the audit log (empty when not given).
    static QString reason(const QCommandLineParser& parser);

    // Copies the value of each option given on the command line into its field; the others keep theirs.
    static void copyGiven(const QCommandLineParser& parser,
                          std::initializer_list<std::pair<const QCommandLineOption*, QString*>> fields);

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

    // withConnection, plus the connections to the shards with the catalog's credentials and the
    // fleet's role names, for the commands that work on shards.
    static int withShards(const QCommandLineParser& parser,
                          const std::function<int(PgConnection&, ShardConnections&)>& body);
};
