#include "BenchContext.h"
#include "BenchSandbox.h"
#include "Benchmark.h"
#include "pg/PgError.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>

// tenantdesk-bench [NAME...]: runs the named benchmarks (prefixes; all when none) against a
// sandbox of 100,000 tenants that it starts and stops itself, and prints one line each:
//   bench <name>: <value> <unit> (floor <value> <unit>, ratio <r>)
int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tenantdesk-bench"));
    QApplication::setOrganizationName(QStringLiteral("TenantDesk"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("TenantDesk benchmarks against a 100,000-tenant sandbox."));
    parser.addHelpOption();
    const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("List the benchmarks and exit."));
    const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Runs per benchmark (median; default 5)."),
                                  QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption keep(QStringLiteral("keep"),
                                  QStringLiteral("Use (and keep, stopped) the sandbox in DIR, for quicker reruns."),
                                  QStringLiteral("DIR"));
    parser.addOptions({list, runs, keep});
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Benchmarks to run, by name prefix."),
                                 QStringLiteral("[NAME...]"));
    parser.process(app);

    QTextStream err(stderr);
    const QList<Benchmark> selected = Benchmark::select(parser.positionalArguments());
    if (parser.isSet(list)) {
        for (const Benchmark& b : Benchmark::all())
            QTextStream(stdout) << b.name.leftJustified(28) << b.summary << '\n';
        return 0;
    }
    if (selected.isEmpty()) {
        err << "tenantdesk-bench: no benchmark matches " << parser.positionalArguments().join(u' ')
            << " (--list shows them)\n";
        return 2;
    }
    const int runCount = parser.value(runs).toInt();
    if (runCount < 1) {
        err << "tenantdesk-bench: --runs needs a positive number\n";
        return 2;
    }

    // One benchmark failing does not stop the others; the exit code says some failed.
    int failures = 0;
    auto report = [&](const QString& where, const QString& what) {
        err << "tenantdesk-bench: " << where << ": " << what << Qt::endl;
        ++failures;
    };
    try {
        const BenchSandbox sandbox(parser.value(keep));
        BenchContext context(sandbox.catalog(), runCount);
        for (const Benchmark& b : selected) {
            err << b.name << ": " << b.summary << Qt::endl;
            try {
                b.run(context);
            } catch (const Failure& e) {
                report(b.name, e.text());
            } catch (const std::exception& e) {
                report(b.name, QString::fromUtf8(e.what()));
            }
        }
    } catch (const Failure& e) {
        report(QStringLiteral("sandbox"), e.text());
    } catch (const std::exception& e) {
        report(QStringLiteral("sandbox"), QString::fromUtf8(e.what()));
    }
    return failures ? 1 : 0;
}
