#pragma once

#include <QString>

// The roles of a fleet's servers that TenantDesk grants to and acts as. Every fleet uses these
// names today (the sandbox creates them with resources/sql/sandbox/roles.sql); a fleet with its
// own names will carry its own FleetRoles.
struct FleetRoles {
    QString owner;   // owns tenant objects, no login
    QString admin;   // what TenantDesk logs in as
    QString support; // read-only, bound by row-level security
    QString app;     // the SaaS application

    static const FleetRoles& standard();
};
