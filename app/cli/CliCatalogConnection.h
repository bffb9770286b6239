#pragma once

#include "pg/ConnectionParams.h"
#include "pg/PgConnection.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// What every catalog command of tenantctl shares: finding the catalog, and the handling of
// arguments, --help, errors and exit codes (0 ok, 1 failure on stderr, 2 bad usage).
//
// The catalog is --catalog "<conninfo or URI>", else $TENANTDESK_CATALOG, else the
// catalog.conninfo file that `tenantctl sandbox up` writes into its directory (--dir, or the
// default sandbox directory). --timeout bounds every statement on the catalog and the shards.
class CliCatalogConnection {
public:
    // Adds --help, --catalog, --dir and --timeout to parser and parses args. Returns the exit code to return
    // at once (0 after printing help, 2 after a usage error), or nullopt to go on.
    // usage: the command line after "tenantctl ", e.g. "resolve <host-or-url> [--json]".
    static std::optional<int> parse(QCommandLineParser& parser, const QStringList& args,
                                    const QString& usage);

    // Prints message and a pointer to --help on stderr; returns 2.
    static int usageError(const QString& command, const QString& message);

    // The catalog connection the options name, with safe defaults applied. Throws InputError
    // when none is named or it does not parse.
    static ConnectionParams params(const QCommandLineParser& parser);

    // --timeout in ms (default PgConnection::DefaultStatementTimeoutMs); 0 when it is not valid.
    static int statementTimeoutMs(const QCommandLineParser& parser);

    // Connects to the catalog and runs body; a PgError or InputError from either is printed
    // (Failure::text()) and returns 1.
    static int withConnection(const QCommandLineParser& parser,
                              const std::function<int(PgConnection&)>& body);
};
