#include "BenchSandbox.h"

#include "sandbox/Sandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

BenchSandbox::BenchSandbox(const QString& keepDir)
    : m_dir(keepDir.isEmpty()
                ? QDir::temp().filePath(QStringLiteral("td-bench-%1").arg(QCoreApplication::applicationPid()))
                : QDir(keepDir).absolutePath())
    , m_purge(keepDir.isEmpty())
{
    Sandbox::Options options;
    options.tenants = SeededTenants;
    options.catalogTenants = Tenants - SeededTenants;
    options.catalogShards = Shards;
    // A kept sandbox of another size would measure something else: make it again.
    const std::optional<SandboxState> kept = SandboxState::load(m_dir);
    options.fresh = kept
                    && (kept->tenants != options.tenants || kept->catalogTenants != options.catalogTenants
                        || kept->catalogShards != options.catalogShards);
    QElapsedTimer timer;
    timer.start();
    // Progress goes to stderr: stdout carries only the bench lines.
    QTextStream err(stderr);
    try {
        m_catalog = Sandbox(m_dir).up(options, [&](const QString& message) {
            err << QStringLiteral("[sandbox %1 s] ").arg(timer.elapsed() / 1000.0, 0, 'f', 1) << message << Qt::endl;
        });
    } catch (...) {
        // The destructor does not run for a constructor that throws: stop what was started.
        try {
            Sandbox(m_dir).down(m_purge);
        } catch (const std::exception&) {
            // Nothing was started, or there is nothing more we can do; the first error matters.
        }
        throw;
    }
}

BenchSandbox::~BenchSandbox()
{
    try {
        Sandbox(m_dir).down(m_purge);
    } catch (const std::exception& e) {
        QTextStream(stderr) << "tenantdesk-bench: could not stop the sandbox in " << m_dir << ": " << e.what()
                            << Qt::endl;
    }
}
