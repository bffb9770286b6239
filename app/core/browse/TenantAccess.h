#pragma once

#include "catalog/TenantTarget.h"
#include "pg/ConnectionParams.h"

#include <optional>

// What a support session needs to read one tenant: the tenant, the connection settings of the
// read-only support role (user, passfile, TLS; the endpoint comes from the catalog), and an
// optional replica lag limit that overrides each endpoint's max_lag_seconds.
struct TenantAccess {
    TenantTarget target;
    ConnectionParams supportParams;
    std::optional<double> maxLagSeconds;

    // The catalog connection's settings with the user switched to the support role (the fleet's,
    // FleetRoles::load, or one an admin names). Any password typed for the catalog user is
    // dropped: the support role's comes from the passfile or service.
    static ConnectionParams supportParamsFrom(const ConnectionParams& catalogParams, const QString& supportRole)
    {
        ConnectionParams p = catalogParams;
        p.remove("password");
        p.set("user", supportRole);
        return p;
    }
};
