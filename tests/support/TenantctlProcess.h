#pragma once

#include <QString>
#include <QStringList>

// tenantctl as a user runs it ($TENANTCTL, set by ctest), against the test sandbox's catalog.
struct TenantctlProcess {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    // Runs tenantctl with args and --catalog <the sandbox catalog>; waits at most timeoutMs.
    static TenantctlProcess run(const QStringList& args, int timeoutMs = 60000);
};
