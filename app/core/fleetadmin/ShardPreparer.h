#pragma once

#include "fleetadmin/ShardCheck.h"

#include <QList>
#include <QString>

class PgConnection;
class ShardChecker;
struct FleetShard;

// One statement that fixes a failed check, and what came of running it.
struct PrepareStep {
    QString what; // the check it fixes
    QString sql;
    QString database; // where it runs, on the shard's primary, as the admin role
    QString runBy;    // who may run it when the admin role may not (ShardCheckItem::runBy)
    enum class Result { Planned, Applied, Refused } result = Result::Planned;
    // Refused: the server's reason (often: only a superuser may), or the warning of a GRANT that
    // granted nothing, with who must run it.
    QString error;
};

// Makes a shard ready for TenantDesk: runs the SQL fixes of a check's failures that the admin
// role's rights allow, on the primary (roles and database rights are the cluster's, and reach
// the replicas by replication). Planned from a fresh check, so a second run finds nothing to do.
// What needs a password, pg_hba.conf or a superuser is left to the admin, with its fix.
class ShardPreparer {
public:
    explicit ShardPreparer(const ShardChecker& checker)
        : m_checker(checker)
    {
    }

    // The statements of report's failed checks, in order, each once.
    static QList<PrepareStep> plan(const ShardCheckReport& report);
    // Runs each step (its statements in one transaction), going on past a refused one, then
    // audits 'shard.prepare' with what was applied and refused. Returns the steps with results.
    QList<PrepareStep> apply(PgConnection& catalog, const FleetShard& shard, const FleetRoles& roles,
                             QList<PrepareStep> steps, const QString& reason = {}) const;

private:
    const ShardChecker& m_checker;
};
