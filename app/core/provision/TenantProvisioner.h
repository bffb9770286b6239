#pragma once

#include "provision/ProvisionPlan.h"
#include "provision/ShardConnections.h"

#include <functional>

// Creates tenants, all or nothing. plan() checks a spec and writes out every statement (the
// preview); run() executes exactly those statements:
//
//   catalog: session advisory lock on the tenant (held to the end: a second admin creating the
//            same tenant is told so at once, and reconcile leaves it alone) -> Claim: the row
//            in 'provisioning', domains and audit row, one transaction
//   shard:   schema and shared tenants: one transaction; database tenants: CREATE DATABASE
//            (which cannot run in a transaction) then the grants
//   catalog: Activate: 'active' and its audit row, one transaction
//
// When a step fails, what the run created is removed again (DROP ... IF EXISTS) and the tenant
// is marked 'failed' with the error in its audit row. When even that is impossible (the shard
// or the catalog is gone), the catalog still says 'provisioning' or 'failed' and TenantReconciler
// finishes or removes it. Provisioning a slug whose tenant failed replaces that tenant.
//
// A step whose COMMIT went unanswered (PgError::UnknownOutcome) has not failed: the run reads
// back whether it took effect (OutcomeReadBack, then the step's doneWhen) and goes on when it
// did, fails as above when it did not, and when it cannot be read back undoes nothing and leaves
// the tenant to TenantReconciler, saying so. Every commit is durable (PgConnection::commit).
//
// Blocking, on one thread: tenantctl, a PgSession worker, a batch worker.
class TenantProvisioner {
public:
    // Called before each step, and inside each shard transaction just before its COMMIT
    // (ProvisionStep::ShardCommit): the GUI reports progress with it, fault tests throw or cut a
    // connection from it.
    using StepHook = std::function<void(ProvisionStep step)>;

    // catalog: an open catalog connection (tenantdesk_admin or a role like it), not in a transaction.
    TenantProvisioner(PgConnection& catalog, ShardConnections& shards);
    void setStepHook(StepHook hook) { m_hook = std::move(hook); }

    // Throws InputError, having sent nothing, when the spec itself is wrong; having only read,
    // when the catalog or shard says no (slug or domain taken, no such shard or template, ...).
    ProvisionPlan plan(const TenantSpec& spec);
    // Returns the new tenant's id. Throws PgError saying at which step it failed and in which
    // state that left the tenant.
    qint64 run(const ProvisionPlan& plan);
    qint64 provision(const TenantSpec& spec) { return run(plan(spec)); }
    // What the last run() should tell beyond its result: answers that were lost and read back.
    const QStringList& notes() const { return m_notes; }

private:
    PgConnection& connectionFor(const ProvisionPlan& plan, const ProvisionPlan::Unit& unit);
    void runStep(const ProvisionPlan& plan, const ProvisionPlan::Step& step);
    void runUnit(const ProvisionPlan& plan, const ProvisionPlan::Unit& unit);
    void execute(PgConnection& c, const QList<ProvisionPlan::Statement>& statements, bool batch);
    // After the step's outcome was lost: true when it took effect, false when it did not; throws
    // (undoing nothing) when that cannot be read back.
    bool readBack(const ProvisionPlan& plan, const ProvisionPlan::Step& step, const PgError& lost,
                  class AdvisoryLock& tenantLock);
    [[noreturn]] void fail(const ProvisionPlan& plan, const QList<const ProvisionPlan::Step*>& done,
                           const ProvisionPlan::Step& failed, const Failure& error);

    PgConnection& m_catalog;
    ShardConnections& m_shards;
    StepHook m_hook;
    qint64 m_tenantId = 0;
    PgConnection* m_lost = nullptr; // the connection whose write went unanswered
    QStringList m_notes;
    bool m_catalogChecked = false;
};
