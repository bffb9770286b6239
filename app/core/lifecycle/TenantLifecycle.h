#pragma once

#include "lifecycle/TenantArchiver.h"
#include "provision/ManagedTenant.h"
#include "provision/ShardConnections.h"

#include <QString>
#include <optional>

class AdvisoryLock;
#include <QStringList>

// What an admin does with a tenant after it exists: suspend and resume, rename, change its
// domains, archive, delete. Every catalog change writes its audit row in the same statement.
// A change that also touches the shard (who may reach the tenant) is made inside the open
// catalog transaction, so that a failing shard leaves the catalog as it was; should the catalog's
// COMMIT be lost after the shard's, TenantReconciler puts the shard back in line with the catalog.
// Each action holds the tenant's advisory lock (the one provisioning holds) for its duration.
// When the answer to a catalog COMMIT is lost, the action reads the tenant's state back (under
// its lock, taken again) and goes on when the change took effect; when it cannot be read, it
// stops with PgError(UnknownOutcome) and leaves the tenant to TenantReconciler.
//
// Suspension, archiving and deleting shut every application role of the fleet out (AppLockout:
// whatever role owns the tenant's objects, verified, database sessions ended), and record what
// they took in the audit row, which resume gives back exactly. What the admin lacks for that is
// found before anything changes, and the error names the fix. Support staff keep reading.
//
// Blocking, on one thread: tenantctl or a PgSession worker.
class TenantLifecycle {
public:
    TenantLifecycle(PgConnection& catalog, ShardConnections& shards);

    void suspend(const QString& slug, const QString& reason = {});
    void resume(const QString& slug, const QString& reason = {});
    void rename(const QString& slug, const QString& displayName);
    // Makes the domains exactly these ("host", "host:port", "host/path"), checked as for a new tenant.
    void setDomains(const QString& slug, const QStringList& domains);
    // Dumps the tenant's data (TenantArchiver) to target, a file or a directory, then marks it
    // 'archived' with the application's access revoked; its objects stay until it is deleted.
    TenantArchiver::Result archive(const QString& slug, const QString& target, OutputFile::Existing existing,
                                   const QString& reason = {});
    // Deletes a tenant: typedSlug must be its slug, typed again to confirm. With a retention
    // period it becomes 'deleting' (application access revoked) and a reconcile run purges it
    // after that; with none it is purged at once.
    void remove(const QString& slug, const QString& typedSlug, qint64 retentionSeconds, const QString& reason = {});
    // Drops a 'deleting' tenant's data and then its catalog row. force: before its purge time.
    void purge(const QString& slug, bool force = false);

private:
    // Under the tenant's lock: moves it from one of the states `from` to `to` with its audit row,
    // and runs shardWork inside the catalog transaction.
    void transition(AdvisoryLock& lock, const ManagedTenant& tenant, const QStringList& from, TenantState to,
                    const QString& action, const QString& reason, const QByteArray& details,
                    const std::function<void()>& shardWork, qint64 retentionSeconds = 0);
    void transitionOnce(const ManagedTenant& tenant, const QStringList& from, TenantState to, const QString& action,
                        const QString& reason, const QByteArray& details, const std::function<void()>& shardWork,
                        qint64 retentionSeconds);
    void purgeLocked(AdvisoryLock& lock, const ManagedTenant& tenant);
    // After the answer to a catalog COMMIT was lost: the tenant's state now (none: its row is
    // gone), read under its lock, taken again. Throws PgError(UnknownOutcome) when it cannot be.
    std::optional<TenantState> stateAfterLostCommit(AdvisoryLock& lock, const QString& slug, const PgError& lost);

    PgConnection& m_catalog;
    ShardConnections& m_shards;
};
