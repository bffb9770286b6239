#include "TenantctlProcess.h"

#include "TestFleet.h"

#include <QProcess>

TenantctlProcess TenantctlProcess::run(const QStringList& args, int timeoutMs)
{
    const QString program = qEnvironmentVariable("TENANTCTL");
    if (program.isEmpty())
        qFatal("TENANTCTL is not set: run this test through ctest");
    QProcess p;
    p.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    p.start(program, args + QStringList{QStringLiteral("--catalog"), TestFleet::catalogParams().toConnectionString()});
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {-1, p.readAllStandardOutput(), p.readAllStandardError() + "\n(killed: tenantctl did not finish in time)"};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}
