#pragma once

#include "lifecycle/AccessCut.h"
#include "provision/ManagedTenant.h"
#include "provision/ShardConnections.h"

#include <QList>
#include <QStringList>
#include <optional>

// Keeps every application role of the fleet (FleetRoles::apps) out of one tenant and lets them
// back in, whatever role owns the tenant's objects:
// - schema tenant: no USAGE (nor CREATE) on its schema for any application role, by any way the
//   server grants it: to the role, to PUBLIC, to a role it is a member of, or ownership (which
//   moves to the fleet's owner role while the tenant is shut, and back when it is resumed);
// - database tenant: the same with CONNECT (and TEMPORARY) on its database, and their open
//   sessions there ended;
// - shared-table tenant: its key on the shard's deny list, which a restrictive policy for every
//   application role checks on every shared table.
// Shutting out is verified, not assumed: before its shard transaction commits, the privilege
// functions must say that no application role can reach the tenant, and afterwards no session of
// theirs may be left on a database tenant; else it throws with the reason, and the access is as
// it was. What the admin lacks for any of it is found before anything changes, and the error names
// the exact grant or ownership change that lets it. Support staff keep reading throughout.
// Blocking, on the thread that owns the ShardConnections.
class AppLockout {
public:
    AppLockout(ShardConnections& shards, const ManagedTenant& tenant);

    // What shutting the application roles out takes away. Throws InputError naming the fix
    // when the admin cannot do it (action, e.g. "suspended", is for the message).
    AccessCut plan(const QString& action);
    // Takes away what plan() found, verified; throws PgError naming who can still reach the tenant.
    void lockOut(const AccessCut& cut);
    // Throws InputError naming the fix when the admin cannot give back what cuts took.
    void requireCanRestore(const QList<AccessCut>& cuts, const QString& action);
    // Gives back what cuts took, newest first. With none recorded (a tenant being activated, or
    // one suspended before cuts were recorded), grants every application role its way in.
    void restore(const QList<AccessCut>& cuts);
    // Throws InputError naming the fix when the admin cannot drop the schema or database.
    void requireCanDrop(const QString& action);

    // The application roles that can reach the tenant now, as "role: how"; empty when none
    // (TenantShardObjects::appsReaching).
    QStringList reaching();
    // What the tenant's lifecycle actions took away since its access was last given back,
    // oldest first (AccessCut's audit details, revoked_since_resume.sql).
    static QList<AccessCut> recorded(PgConnection& catalog, qint64 tenantId);

private:
    struct Facts;
    struct Session {
        QString pid;
        QString role;
        bool endable = false; // the admin may end it
    };
    std::optional<Facts> facts();
    // facts(), inside a change: throws InputError when the tenant's object is gone.
    Facts presentFacts();
    // Opens a change of access inside the shard transaction: search_path pinned, and for a
    // shared-table tenant acting as the fleet owner, who owns the ledger and the guard.
    void beginChange(PgConnection& c);
    PgConnection& shard();
    QString object() const; // SCHEMA "x" or DATABASE "x"
    QString objectLabel() const;
    QByteArray appsJson() const;
    QStringList existingApps();
    void ensureSharedGuard(PgConnection& c);
    // The application's sessions on a database tenant (only those the admin may not end, or all)
    // that are still there after waiting up to waitMs for them to go.
    QList<Session> sessionsLeft(bool unendableOnly, int waitMs);
    [[noreturn]] void refuse(const QString& action, const QStringList& why, const QStringList& fixes) const;
    // Why facts stop the admin from revoking, granting or dropping as the owner, with the fix.
    void ownerProblems(const Facts& f, QStringList& why, QStringList& fixes) const;
    // Behind a transaction-pooling PgBouncer: the parked server sessions of the fleet's support and
    // owner roles on a database tenant that the admin may not end (they would block its drop).
    void parkedProblems(const Facts& f, QStringList& why, QStringList& fixes);
    // What moving the ownership to or from role needs of the admin.
    void movingProblems(const Facts& f, const QString& role, QStringList& why, QStringList& fixes);

    ShardConnections& m_shards;
    ManagedTenant m_tenant;
};
