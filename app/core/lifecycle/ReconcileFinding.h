#pragma once

#include <QString>

// One difference between the catalog and a shard that TenantReconciler found, what it did (or,
// in a dry run, would do) about it, and how that went. A plain value: it crosses threads.
struct ReconcileFinding {
    enum class Kind {
        StuckProvisioning, // 'provisioning' for longer than the limit, nobody working on it
        FailedLeftover,    // a 'failed' tenant whose schema or database TenantDesk made is still there
        Missing,           // an active, suspended or archived tenant whose schema or database is gone
        WrongShard,        // ... found on another shard than the catalog says
        AccessDrift,       // the application may reach a tenant the catalog says it may not, or the reverse
        DeletingDue,       // 'deleting' and its retention period is over (or it was interrupted)
        Orphan,            // a tenant-like schema or database that no catalog tenant owns
        ShardUnreachable   // the shard could not be checked
    };
    enum class Action {
        None,        // reported for a person to decide
        Activate,    // finish a stuck provisioning whose objects are complete
        MarkFailed,  // roll back a stuck provisioning that left nothing
        DropObjects, // remove what a failed or interrupted provisioning left
        FixAccess,   // make the shard's grants or deny list match the catalog state
        Purge        // finish a deletion: drop the data, then the catalog row
    };

    Kind kind = Kind::Orphan;
    Action action = Action::None;
    QString shard;
    QString slug;   // empty for an orphan or an unreachable shard
    QString object; // "schema acme", "database tenant_acme", ...
    QString description;
    bool repaired = false;
    QString outcome; // what the repair did, or why it did not

    bool needsRepair() const { return action != Action::None; }
};
