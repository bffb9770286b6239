#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

// One tenantctl subcommand ("sandbox", "catalog", "tenants", ...). Each lives in its own
// source file and registers itself with a static CliCommand::Registration, so main.cpp only
// dispatches. run() receives the arguments after the subcommand name and returns the exit code
// (0 ok, 1 failure reported on stderr, 2 bad usage).
struct CliCommand {
    QString name;
    QString summary;
    int (*run)(const QStringList& args);

    static const QList<CliCommand>& all();

    struct Registration {
        Registration(QString name, QString summary, int (*run)(const QStringList&));
    };
};

// Shared by all commands: stdout and stderr as UTF-8 text streams.
QTextStream& cliOut();
QTextStream& cliErr();
