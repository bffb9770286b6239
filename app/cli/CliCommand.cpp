#include "CliCommand.h"

#include <cstdio>

static QList<CliCommand>& registry()
{
    static QList<CliCommand> commands;
    return commands;
}

const QList<CliCommand>& CliCommand::all()
{
    return registry();
}

CliCommand::Registration::Registration(QString name, QString summary, int (*run)(const QStringList&))
{
    registry().append({std::move(name), std::move(summary), run});
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
