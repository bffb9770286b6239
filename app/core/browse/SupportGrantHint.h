#pragma once

#include "browse/TenantAccess.h"
#include "pg/PgError.h"

class PgConnection;

// What a support session refused for want of a privilege (SQLSTATE 42501) on a tenant the fleet
// made without granting its support role anything (an adopted one, as a rule) means to the person
// browsing: which role may not read what, the exact statements that let it, and who runs them.
class SupportGrantHint {
public:
    static bool applies(const PgError& error) { return error.sqlState() == QLatin1String("42501"); }
    // error reworded with the fix; c only quotes the names.
    static QString explain(const PgConnection& c, const TenantTarget& target, const PgError& error);
};
