#pragma once

#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

class Failure;

// One tenantctl subcommand ("sandbox", "catalog", "tenants", ...). Each lives in its own source
// file, which defines its run function; all() is the one table that names them, so main.cpp only
// dispatches. run() receives the arguments after the subcommand name and returns the exit code
// (0 ok, 1 failure reported on stderr, 2 bad usage).
struct CliCommand {
    QString name;
    QString summary;
    int (*run)(const QStringList& args);

    // Every subcommand, by name.
    static const QList<CliCommand>& all();
    // The summary of the subcommand name, as `tenantctl --help` lists it.
    static QString summaryOf(const QString& name);
};

// The subcommands' entry points, each in its <Name>Command.cpp.
int runAdopt(const QStringList& args);
int runBrowse(const QStringList& args);
int runCatalog(const QStringList& args);
int runFleet(const QStringList& args);
int runReconcile(const QStringList& args);
int runResolve(const QStringList& args);
int runSample(const QStringList& args);
int runSandbox(const QStringList& args);
int runShards(const QStringList& args);
int runTemplates(const QStringList& args);
int runTenants(const QStringList& args);
int runTop(const QStringList& args);

// Shared by all commands: stdout and stderr as UTF-8 text streams.
QTextStream& cliOut();
QTextStream& cliErr();
// A command's closing message on stdout, terminal controls escaped; returns exit code 0.
int cliDone(const QString& message);
// A failure as a command reports it: its text on stderr, terminal controls escaped; returns exit code 1.
int cliFailed(const Failure& failure);
// --json output: the document, indented, on stdout.
void cliPrintJson(const QJsonDocument& document);
