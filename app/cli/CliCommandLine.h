#pragma once

#include "CliCatalogConnection.h"

#include <QCommandLineParser>
#include <QStringList>

// A catalog command's command line, parsed on construction as its CliSyntax says
// (CliCatalogConnection::parse: help, usage errors, the catalog options). When the command must
// end there (after printing --help, or a usage error), the constructor throws Exit with the exit
// code, which main() returns: every command reads on from a command line that parsed.
class CliCommandLine : public QCommandLineParser {
public:
    // The end of a command that printed its help (code 0) or a usage error (code 2).
    struct Exit {
        int code;
    };

    CliCommandLine(const QStringList& args, const CliSyntax& syntax);
};
