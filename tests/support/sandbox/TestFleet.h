#pragma once

#include "pg/ConnectionParams.h"
#include "sandbox/SandboxState.h"

#include <QString>

// The sandbox fleet that the db and gui tests share: started by the sandbox_up fixture in
// $TENANTDESK_TEST_SANDBOX and stopped by sandbox_down (tests/CMakeLists.txt). Without it every
// such test would fail, so a helper that finds no sandbox ends the test binary with a message
// that says how to start one.
class TestFleet {
public:
    static QString sandboxDir();
    // Its sandbox.json, read once.
    static const SandboxState& state();
    static QString passfile();

    // <dir>/catalog.conninfo: tenantdesk_admin on tenantdesk_catalog, as `sandbox up` printed it.
    static ConnectionParams catalogParams();
    // user on the primary of shard 1 or 2, in its `tenants` database unless dbname is given.
    static ConnectionParams shardParams(int shard, const QString& user = SandboxRoles::admin,
                                        const QString& dbname = {});
    // user on the streaming replica of shard 1.
    static ConnectionParams replicaParams(const QString& user = SandboxRoles::admin, const QString& dbname = {});
    // The read-only support role on a shard.
    static ConnectionParams supportParams(int shard, const QString& dbname = {});
    // The SaaS application's role on a shard.
    static ConnectionParams appParams(int shard, const QString& dbname = {});
};
