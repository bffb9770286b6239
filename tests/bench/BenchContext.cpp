#include "BenchContext.h"

#include "catalog/ProfileStore.h"
#include "fleet/CatalogConnection.h"
#include "ui/shell/MainWindow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSettings>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <stdexcept>

BenchContext::BenchContext(const ConnectionParams& catalog, int runs)
    : m_catalog(catalog)
    , m_runs(runs)
    , m_settings(
          std::make_unique<QSettings>(m_settingsDir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat))
    , m_profiles(std::make_unique<ProfileStore>(m_settings.get()))
{
}

BenchContext::~BenchContext() = default;

MainWindow& BenchContext::loadedWindow()
{
    if (!m_loaded) {
        m_loaded = newWindow();
        openAndLoad(*m_loaded);
    }
    return *m_loaded;
}

std::unique_ptr<MainWindow> BenchContext::newWindow()
{
    auto window = std::make_unique<MainWindow>(m_prompts, *m_profiles);
    window->show();
    waitUntil([&] { return window->isVisible(); }, 5000, QStringLiteral("the main window to show"));
    return window;
}

void BenchContext::openAndLoad(MainWindow& window)
{
    bool probed = false;
    const QMetaObject::Connection connection = QObject::connect(window.catalog(), &CatalogConnection::endpointsProbed,
                                                                [&] { probed = true; });
    window.openCatalog(m_catalog);
    waitUntil([&] { return probed || !m_prompts.notices.isEmpty(); }, 120000, QStringLiteral("the catalog to load"));
    QObject::disconnect(connection);
    if (!m_prompts.notices.isEmpty())
        throw std::runtime_error(m_prompts.notices.constLast().toStdString());
}

void BenchContext::report(const QString& name, double value, const QString& unit, double floor) const
{
    auto number = [](double v) { return QString::number(v, 'f', v < 10 ? 2 : 1); };
    QTextStream(stdout) << "bench " << name << ": " << number(value) << ' ' << unit << " (floor " << number(floor)
                        << ' ' << unit << ", ratio " << QString::number(floor > 0 ? value / floor : 0, 'f', 2) << ')'
                        << Qt::endl;
}

void BenchContext::note(const QString& text)
{
    QTextStream(stderr) << "  " << text << Qt::endl;
}

double BenchContext::median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

void BenchContext::waitUntil(const std::function<bool()>& done, int timeoutMs, const QString& what)
{
    QElapsedTimer timer;
    timer.start();
    // Wakes the loop at the deadline; otherwise it sleeps until the next event.
    QTimer deadline;
    deadline.setSingleShot(true);
    deadline.start(timeoutMs);
    while (!done()) {
        if (timer.elapsed() >= timeoutMs)
            throw std::runtime_error(
                QStringLiteral("timed out after %1 s waiting for %2").arg(timeoutMs / 1000.0).arg(what).toStdString());
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
}

void BenchContext::spin(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}
