#pragma once

#include <QList>
#include <QString>

class BenchContext;

// One named benchmark of tenantdesk-bench ("tenants.load_all", later "browse.*", "provision.*",
// "poll.*"). Each lives in a source file of its area and registers itself with a static
// Benchmark::Registration, so main.cpp only selects and runs them. run() measures the value and
// its floor in the same run and reports them through BenchContext::report(); it throws
// std::exception (or PgError) when it cannot measure.
struct Benchmark {
    QString name;
    QString summary;
    void (*run)(BenchContext& context);

    // In registration order within a file; files in link order.
    static const QList<Benchmark>& all();
    // Benchmarks named by one of prefixes, or whose name starts with it; all when prefixes is empty.
    static QList<Benchmark> select(const QStringList& prefixes);

    struct Registration {
        Registration(QString name, QString summary, void (*run)(BenchContext&));
    };
};
