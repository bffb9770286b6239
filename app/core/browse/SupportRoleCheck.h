#pragma once

#include "catalog/TenantTarget.h"
#include "pg/PgConnection.h"

// Browsing is read-only on the server by the role, not only by the read-only transaction: the
// role a support session logs in as (tenantctl --support-user, the GUI's support role) must be
// one that cannot write the tenant's data or read past row-level security. Checked on every
// support connection before anything is read.
class SupportRoleCheck {
public:
    // Throws InputError naming the session's role and why it may not browse target: it is a
    // superuser, has BYPASSRLS, or owns or may change the tenant's database, schema or tables.
    static void require(PgConnection& connection, const TenantTarget& target);
};
