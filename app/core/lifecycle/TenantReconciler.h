#pragma once

#include "lifecycle/ReconcileFinding.h"
#include "provision/ShardConnections.h"

#include <QList>

// Compares the catalog with the shards and repairs what is safe to repair, so that a crash at any
// step of provisioning or deleting leaves no half tenant behind:
// - 'provisioning' for longer than stuckMinutes and nobody holding its advisory lock: activated
//   when its schema or database is complete (made by TenantDesk; a database gets its grants
//   again), marked 'failed' when nothing of it exists;
// - 'failed' with a schema or database TenantDesk made: dropped;
// - 'deleting' past its purge time (or interrupted): purged;
// - the application's access differing from the catalog state: set to match the catalog;
// - orphans (schemas and databases named like tenants that no tenant owns), missing objects and
//   tenants found on another shard: reported, never touched.
// Running it again after a repair finds nothing more to repair. Tenant objects are recognised by
// TenantNames' convention; several catalog shards on one server are compared as one.
class TenantReconciler {
public:
    struct Options {
        bool dryRun = false;   // find and report, repair nothing
        int stuckMinutes = 10; // how long 'provisioning' may last before it counts as interrupted
        QString slugPrefix;    // only tenants and objects whose slug or name starts with this
    };
    struct Report {
        QList<ReconcileFinding> findings;
        int repaired() const;
        int toRepair() const;  // repairs found (in a dry run: not made)
        int attention() const; // findings only a person can resolve
    };

    TenantReconciler(PgConnection& catalog, ShardConnections& shards);
    // Throws PgError only when the catalog fails; an unreachable shard is a finding.
    Report run(const Options& options);

private:
    struct Server;
    void checkServer(const Server& server, const Options& options, Report& report);
    void repair(ReconcileFinding& finding, const struct ManagedTenant& tenant);

    PgConnection& m_catalog;
    ShardConnections& m_shards;
    bool m_dryRun = false;
};
