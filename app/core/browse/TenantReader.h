#pragma once

#include "browse/BrowseRoute.h"
#include "browse/SupportGrantHint.h"
#include "browse/TenantAccess.h"
#include "browse/TenantScope.h"
#include "pg/PgConnection.h"

#include <QElapsedTimer>

// A support session's reads of one tenant on one connection: connects through ReplicaRouter and
// runs each read in a read-only transaction scoped by TenantScope. A replica that cancels a read
// because of a recovery conflict gets RecoveryConflictRetries more tries, then the read moves to
// the primary; a replica found lagging past its limit at a read is left for the primary too. A
// read the support role has no privilege for says which grants it needs (SupportGrantHint).
// Lives on the worker thread of its connection (share it between that session's jobs only).
class TenantReader {
public:
    enum class Snapshot {
        PerStatement, // READ COMMITTED: short reads (pages, counts)
        Stable        // REPEATABLE READ: one state for every statement (exports)
    };

    static constexpr int RecoveryConflictRetries = 2;
    static constexpr int LagRecheckMs = 10000;

    explicit TenantReader(TenantAccess access);

    void connect(PgConnection& c);

    template <typename Fn>
    auto read(PgConnection& c, Fn&& fn, Snapshot snapshot = Snapshot::PerStatement)
    {
        for (int attempt = 0;; ++attempt) {
            recheckLag(c);
            try {
                return scoped(c, fn, snapshot);
            } catch (const PgError& e) {
                if (SupportGrantHint::applies(e))
                    throwReworded(e, SupportGrantHint::explain(c, m_access.target, e));
                if (!isRecoveryConflict(e) || m_route.endpoint.isPrimary())
                    throw;
                if (attempt >= RecoveryConflictRetries)
                    leaveReplica(c, QStringLiteral("the replica cancelled reads %1 times for conflicts with recovery")
                                        .arg(attempt + 1));
            }
        }
    }

    const BrowseRoute& route() const { return m_route; }
    const TenantScope& scope() const { return m_scope; }

    // SQLSTATE 40001/40P01 "... due to conflict with recovery", or a connection a replica ended for it.
    static bool isRecoveryConflict(const PgError& error);

private:
    // fn inside TenantScope::begin() ... COMMIT, rolled back if anything throws.
    template <typename Fn>
    auto scoped(PgConnection& c, Fn& fn, Snapshot snapshot)
    {
        try {
            m_scope.begin(c, snapshot == Snapshot::Stable);
            if constexpr (std::is_void_v<decltype(fn())>) {
                fn();
                c.commitReadOnly();
            } else {
                auto result = fn();
                c.commitReadOnly();
                return result;
            }
        } catch (...) {
            c.rollback();
            throw;
        }
    }
    void recheckLag(PgConnection& c);
    void leaveReplica(PgConnection& c, const QString& why);

    TenantAccess m_access;
    TenantScope m_scope;
    BrowseRoute m_route;
    QElapsedTimer m_sinceLagCheck;
};
