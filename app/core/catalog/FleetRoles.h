#pragma once

#include <QString>
#include <QStringList>

class PgConnection;

// The roles of a fleet's servers that TenantDesk grants to and acts as, named by the fleet: a
// catalog of version 5 or later holds them in tenantdesk.fleet_roles; standard() are the names
// TenantDesk's own fleets (and the sandbox) use, and the defaults of that table.
struct FleetRoles {
    QString owner;    // owns tenant objects, no login
    QString admin;    // what TenantDesk logs in as
    QString support;  // read-only, bound by row-level security
    QStringList apps; // every role the SaaS application connects as; suspension locks out each

    static const FleetRoles& standard();
    // The catalog's roles; standard() on a catalog older than version 5.
    static FleetRoles load(PgConnection& catalog);
};
