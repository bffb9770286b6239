#pragma once

#include "catalog/TenantTarget.h"
#include "pg/PgConnection.h"

// Go to tenant: finds the one tenant meant by what support typed, a slug ("acme"), a display
// name ("Acme Corp", any case), a domain ("acme.example.com"), host:port or a URL, and loads what
// is needed to reach it. Blocking; runs on a catalog connection (a PgSession job, or tenantctl).
class TenantLocator {
public:
    static constexpr int MaxInputLength = 2048;

    // Throws InputError, sending nothing, for empty, too long, or invisible/control
    // characters; InputError naming the candidates when a display name is ambiguous, and
    // when nothing matches.
    static TenantTarget locate(PgConnection& catalog, const QString& input);

    // The reason input is refused before anything is sent, or empty when it is acceptable.
    static QString inputProblem(const QString& input);
};
