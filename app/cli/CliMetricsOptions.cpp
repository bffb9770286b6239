#include "CliMetricsOptions.h"

#include "CliCatalogConnection.h"
#include "CliCommand.h"
#include "metrics/MetricTargetLoader.h"

CliMetricsOptions::CliMetricsOptions(double defaultIntervalSeconds, const QStringList& args, CliSyntax syntax)
    : m_intervalOption(QStringLiteral("interval"),
                       QStringLiteral("Seconds between samples (default %1).").arg(defaultIntervalSeconds),
                       QStringLiteral("seconds"), QString::number(defaultIntervalSeconds))
    , m_iterationsOption(QStringLiteral("iterations"), QStringLiteral("Stop after n refreshes (default: Ctrl-C)."),
                         QStringLiteral("n"))
    , m_intervalMs(int(defaultIntervalSeconds * 1000))
{
    syntax.options << m_intervalOption << m_iterationsOption;
    m_commandLine = std::make_unique<CliCommandLine>(args, syntax);
    const QString command = syntax.usage.section(u' ', 0, 0);
    if (!m_commandLine->positionalArguments().isEmpty())
        throw CliCommandLine::Exit{CliCatalogConnection::usageError(
            command, QStringLiteral("unexpected argument ") + m_commandLine->positionalArguments().constFirst())};
    if (const std::optional<int> exit = check(command))
        throw CliCommandLine::Exit{*exit};
}

std::optional<int> CliMetricsOptions::check(const QString& command)
{
    const QCommandLineParser& parser = *m_commandLine;
    bool ok = false;
    const double seconds = parser.value(m_intervalOption).toDouble(&ok);
    if (!ok || seconds < 0.1 || seconds > 3600)
        return CliCatalogConnection::usageError(command, QStringLiteral("--interval takes seconds from 0.1 to 3600"));
    m_intervalMs = int(seconds * 1000);
    if (parser.isSet(m_iterationsOption)) {
        m_iterations = parser.value(m_iterationsOption).toInt(&ok);
        if (!ok || m_iterations < 1)
            return CliCatalogConnection::usageError(command, QStringLiteral("--iterations takes a positive number"));
    }
    return std::nullopt;
}

std::optional<int> CliMetricsOptions::loadFleet()
{
    const int exit = CliCatalogConnection::withConnection(*m_commandLine, [this](PgConnection& catalog) {
        m_base = catalog.params();
        m_targets = MetricTargetLoader::load(catalog);
        return 0;
    });
    if (exit != 0)
        return exit;
    if (m_targets.isEmpty()) {
        cliErr() << "tenantctl: the catalog lists no endpoints to sample\n";
        cliErr().flush();
        return 1;
    }
    return std::nullopt;
}
