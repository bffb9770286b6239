#pragma once

#include "pg/PgInstallation.h"
#include "sandbox/SandboxState.h"
#include "sandbox/SandboxTenant.h"

#include <QList>

// The sandbox's optional background load, so that activity and charts have something to show:
// one detached pgbench per busy tenant, a shopper's visit (read items, place an order, list recent
// orders) a couple of times a second, as tenantdesk_app. pgbench also stops by itself when its
// server goes away.
class SandboxLoad {
public:
    // Load on the first tenant of every model on both shards. Returns the pgbench process ids.
    static QList<qint64> start(const PgInstallation& installation, const SandboxState& state,
                               const QList<SandboxTenant>& tenants);
    // The ones among pids that are still running load.
    static QList<qint64> running(const QList<qint64>& pids);
    static void stop(const QList<qint64>& pids);
};
