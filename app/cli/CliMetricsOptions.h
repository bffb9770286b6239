#pragma once

#include "CliCatalogConnection.h"
#include "metrics/MetricTarget.h"
#include "pg/ConnectionParams.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <optional>

// What `tenantctl top` and `tenantctl sample` share: --interval and --iterations, and the list of
// endpoints to sample, read from the catalog that CliCatalogConnection finds.
class CliMetricsOptions {
public:
    explicit CliMetricsOptions(double defaultIntervalSeconds);

    int intervalMs() const { return m_intervalMs; }
    int iterations() const { return m_iterations; } // 0: until interrupted

    // What a metrics command does first: parses args as syntax says with --interval and
    // --iterations after its own options (CliCatalogConnection::parse, which prints usage), refuses
    // positional arguments, checks the values, reads the fleet. Returns the exit code when the
    // command must stop there.
    std::optional<int> parseAndLoadFleet(QCommandLineParser& parser, const QStringList& args, CliSyntax syntax);
    const ConnectionParams& base() const { return m_base; }
    const QList<MetricTarget>& targets() const { return m_targets; }

private:
    // Checks the values once parsed; returns the exit code for a usage error.
    std::optional<int> check(const QCommandLineParser& parser, const QString& command);
    // Reads the endpoints from the catalog; returns the exit code when that failed (printed).
    std::optional<int> loadFleet(const QCommandLineParser& parser);

    QCommandLineOption m_intervalOption;
    QCommandLineOption m_iterationsOption;
    int m_intervalMs;
    int m_iterations = 0;
    ConnectionParams m_base;
    QList<MetricTarget> m_targets;
};
