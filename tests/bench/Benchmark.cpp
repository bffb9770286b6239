#include "Benchmark.h"

static QList<Benchmark>& registry()
{
    static QList<Benchmark> benchmarks;
    return benchmarks;
}

const QList<Benchmark>& Benchmark::all()
{
    return registry();
}

QList<Benchmark> Benchmark::select(const QStringList& prefixes)
{
    if (prefixes.isEmpty())
        return all();
    // A full name selects that benchmark alone ("gui.max_stall", not "gui.max_stall_polling").
    auto chosen = [](const QString& argument, const QString& name) {
        const bool exact = std::any_of(all().begin(), all().end(),
                                       [&](const Benchmark& b) { return b.name == argument; });
        return exact ? name == argument : name.startsWith(argument);
    };
    QList<Benchmark> selected;
    for (const Benchmark& b : all()) {
        if (std::any_of(prefixes.begin(), prefixes.end(), [&](const QString& p) { return chosen(p, b.name); }))
            selected.append(b);
    }
    return selected;
}

Benchmark::Registration::Registration(QString name, QString summary, void (*run)(BenchContext&))
{
    registry().append({std::move(name), std::move(summary), run});
}
