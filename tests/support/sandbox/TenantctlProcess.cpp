#include "TenantctlProcess.h"

#include "TestFleet.h"

#include <QProcess>

static QStringList withCatalog(const QStringList& args, const QString& catalog)
{
    return args + QStringList{QStringLiteral("--catalog"), catalog};
}

TenantctlProcess TenantctlProcess::run(const QStringList& args, int timeoutMs)
{
    return runOn(TestFleet::catalogParams().toConnectionString(), args, timeoutMs);
}

TenantctlProcess TenantctlProcess::runOn(const QString& catalog, const QStringList& args, int timeoutMs)
{
    return runWithoutCatalog(withCatalog(args, catalog), timeoutMs);
}

TenantctlProcess TenantctlProcess::runWithoutCatalog(const QStringList& args, int timeoutMs)
{
    return Started(args).finish(timeoutMs);
}

TenantctlProcess::Started TenantctlProcess::startOn(const QString& catalog, const QStringList& args)
{
    return Started(withCatalog(args, catalog));
}

TenantctlProcess::Started::Started(const QStringList& args)
    : m_process(std::make_unique<QProcess>())
{
    const QString program = qEnvironmentVariable("TENANTCTL");
    if (program.isEmpty())
        qFatal("TENANTCTL is not set: run this test through ctest");
    m_process->setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    m_process->start(program, args);
}

TenantctlProcess::Started::Started(Started&&) noexcept = default;
TenantctlProcess::Started& TenantctlProcess::Started::operator=(Started&&) noexcept = default;
TenantctlProcess::Started::~Started() = default;

TenantctlProcess TenantctlProcess::Started::finish(int timeoutMs)
{
    QProcess& p = *m_process;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAllStandardOutput(),
                p.readAllStandardError() + "\n(killed: tenantctl did not finish in time)", true};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError(), false};
}
