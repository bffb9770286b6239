#include "CliCommand.h"

#include "base/Failure.h"
#include "base/TerminalText.h"

#include <cstdio>

const QList<CliCommand>& CliCommand::all()
{
    static const QList<CliCommand> commands{
        {QStringLiteral("adopt"), QStringLiteral("Take in the tenants a shard already has, under their own names"),
         runAdopt},
        {QStringLiteral("browse"), QStringLiteral("Show a page of a tenant's table, read-only"), runBrowse},
        {QStringLiteral("catalog"), QStringLiteral("Create, upgrade or describe the catalog"), runCatalog},
        {QStringLiteral("fleet"), QStringLiteral("Show or set the fleet's role names"), runFleet},
        {QStringLiteral("reconcile"), QStringLiteral("Compare the catalog with the shards and repair what is safe"),
         runReconcile},
        {QStringLiteral("resolve"), QStringLiteral("Find the tenant a host, host:port or URL routes to"), runResolve},
        {QStringLiteral("sample"), QStringLiteral("Print the load figures of every endpoint"), runSample},
        {QStringLiteral("sandbox"),
         QStringLiteral("Start, inspect or stop the sandbox fleet (catalog, two shards, a replica)"), runSandbox},
        {QStringLiteral("shards"),
         QStringLiteral("List, add, edit, drain, retire, check and prepare shards and their endpoints"), runShards},
        {QStringLiteral("templates"),
         QStringLiteral("List template versions, add one from a SQL file or a tenant, compare two"), runTemplates},
        {QStringLiteral("tenants"), QStringLiteral("List, create and manage the tenants of the catalog"), runTenants},
        {QStringLiteral("top"), QStringLiteral("Live load of every shard and replica (Ctrl-C to stop)"), runTop},
    };
    return commands;
}

QString CliCommand::summaryOf(const QString& name)
{
    for (const CliCommand& command : all()) {
        if (command.name == name)
            return command.summary;
    }
    return {};
}

QTextStream& cliOut()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& cliErr()
{
    static QTextStream stream(stderr);
    return stream;
}

int cliDone(const QString& message)
{
    cliOut() << TerminalText::escapedLines(message) << '\n';
    cliOut().flush();
    return 0;
}

int cliFailed(const Failure& failure)
{
    cliErr() << "tenantctl: " << TerminalText::escapedLines(failure.text()) << '\n';
    cliErr().flush();
    return 1;
}

void cliPrintJson(const QJsonDocument& document)
{
    cliOut() << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    cliOut().flush();
}
