#pragma once

#include "browse/BrowseRoute.h"
#include "browse/TenantAccess.h"
#include "pg/PgConnection.h"

// Chooses the endpoint a support session reads from and connects to it: the first replica of
// the tenant's shard that answers and lags less than its limit (the endpoint's max_lag_seconds,
// or TenantAccess::maxLagSeconds when set), else the primary. Blocking; used on a worker thread.
class ReplicaRouter {
public:
    static constexpr int StatementTimeoutMs = 30000;

    // Opens c on the chosen endpoint as the support role. Throws PgError(Connection) when not
    // even the primary can be reached, InputError when the role could write (SupportRoleCheck).
    static BrowseRoute connect(PgConnection& c, const TenantAccess& access);
    // Opens c on the primary; note says why (shown to the user).
    static BrowseRoute connectPrimary(PgConnection& c, const TenantAccess& access, const QString& note);

    // The lag of the server behind c in seconds: 0 on a primary, nullopt when a replica has
    // replayed nothing yet. Runs outside any transaction.
    static std::optional<double> lag(PgConnection& c);
    static double lagLimit(const TenantAccess& access, const EndpointInfo& endpoint);

    // The support role's settings aimed at an endpoint and the tenant's database, with bounded
    // waits and read-only transactions by default (the role says so too; this does not rely on it).
    static ConnectionParams paramsFor(const TenantAccess& access, const EndpointInfo& endpoint);
};
