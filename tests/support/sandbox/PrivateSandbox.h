#pragma once

#include "pg/ConnectionParams.h"
#include "sandbox/SandboxState.h"

#include <QString>
#include <QTemporaryDir>

// A sandbox fleet of a test's own, for the tests that stop its servers or change what every
// tenant shares (the shared sandbox must stay whole for the others). It lives in a short temporary
// folder (the servers' Unix sockets are made in it) that the servers' user may enter when we are
// root, and it is stopped and removed when it goes, even after a failure.
class PrivateSandbox {
public:
    // Starts it, seeded with tenants tenants, in /tmp/<prefix>-XXXXXX; with pgbouncer, shard-1's
    // primary behind a transaction-pooling PgBouncer (`sandbox up --pgbouncer`). Throws when it cannot.
    PrivateSandbox(const QString& prefix, int tenants, bool pgbouncer = false);
    ~PrivateSandbox();
    PrivateSandbox(const PrivateSandbox&) = delete;
    PrivateSandbox& operator=(const PrivateSandbox&) = delete;

    QString dir() const { return m_dir.path() + QStringLiteral("/s"); }
    // The catalog, as `sandbox up` returned it, with safe defaults.
    const ConnectionParams& catalogParams() const { return m_catalogParams; }
    const SandboxState& state() const { return m_state; }

private:
    QTemporaryDir m_dir;
    ConnectionParams m_catalogParams;
    SandboxState m_state;
};
