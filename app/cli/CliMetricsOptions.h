#pragma once

#include "CliCatalogConnection.h"
#include "CliCommandLine.h"
#include "metrics/MetricTarget.h"
#include "pg/ConnectionParams.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>
#include <optional>

// What `tenantctl top` and `tenantctl sample` share: --interval and --iterations, and the list of
// endpoints to sample, read from the catalog that CliCatalogConnection finds.
class CliMetricsOptions {
public:
    // What a metrics command does first: parses args as syntax says with --interval and
    // --iterations after its own options (a CliCommandLine: it throws CliCommandLine::Exit after
    // help or a usage error), refuses positional arguments, checks the values.
    CliMetricsOptions(double defaultIntervalSeconds, const QStringList& args, CliSyntax syntax);

    const QCommandLineParser& commandLine() const { return *m_commandLine; }
    int intervalMs() const { return m_intervalMs; }
    int iterations() const { return m_iterations; } // 0: until interrupted

    // Reads the endpoints from the catalog; returns the exit code when that failed (printed).
    std::optional<int> loadFleet();
    const ConnectionParams& base() const { return m_base; }
    const QList<MetricTarget>& targets() const { return m_targets; }

private:
    // Checks the values once parsed; returns the exit code for a usage error.
    std::optional<int> check(const QString& command);

    QCommandLineOption m_intervalOption;
    QCommandLineOption m_iterationsOption;
    std::unique_ptr<CliCommandLine> m_commandLine;
    int m_intervalMs;
    int m_iterations = 0;
    ConnectionParams m_base;
    QList<MetricTarget> m_targets;
};
