#pragma once

#include "catalog/TenantRecord.h"

#include <QString>

// The answer of tenantdesk.resolve(): the tenant a host, host:port or URL routes to, its record
// (shard primary, database, and the schema or tenant key that scopes it), and the route that matched.
struct ResolvedTenant : TenantRecord {
    QString matchedDomain; // e.g. "portal.example.com/globex"
};
