#pragma once

#include "ScriptedPrompts.h"
#include "pg/ConnectionParams.h"

#include <QList>
#include <QTemporaryDir>

#include <functional>
#include <memory>

class MainWindow;
class ProfileStore;
class QSettings;

// What every benchmark gets: the sandbox catalog, how many runs to take the median of, main
// windows like the user's, waiting without busy loops, and the one output format:
//
//   bench <name>: <value> <unit> (floor <value> <unit>, ratio <r>)
class BenchContext {
public:
    BenchContext(const ConnectionParams& catalog, int runs);
    ~BenchContext();

    const ConnectionParams& catalog() const { return m_catalog; }
    int runs() const { return m_runs; }

    // A shown main window with the catalog open and every tenant loaded; made on first use and
    // shared by the benchmarks that only read from it.
    MainWindow& loadedWindow();
    // A shown main window that has opened nothing yet.
    std::unique_ptr<MainWindow> newWindow();
    // Opens the catalog in window and waits until every tenant and shard is in and probed.
    void openAndLoad(MainWindow& window);

    void report(const QString& name, double value, const QString& unit, double floor) const;
    // Extra detail, on stderr so that stdout stays one line per benchmark.
    static void note(const QString& text);

    static double median(QList<double> values);
    // Runs the event loop (sleeping while there is nothing to do) until done() or timeoutMs.
    // Throws std::runtime_error on timeout, naming what.
    static void waitUntil(const std::function<bool()>& done, int timeoutMs, const QString& what);
    // Runs the event loop for ms milliseconds.
    static void spin(int ms);

private:
    ConnectionParams m_catalog;
    int m_runs;
    ScriptedPrompts m_prompts;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<MainWindow> m_loaded;
};
