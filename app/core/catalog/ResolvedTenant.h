#pragma once

#include "catalog/TenantEnums.h"

#include <QString>

// The answer of tenantdesk.resolve(): the tenant a host, host:port or URL routes to, and how to
// reach it (its shard's primary, the database, and the schema or tenant key that scopes it).
struct ResolvedTenant {
    qint64 tenantId = 0;
    QString slug;
    QString displayName;
    IsolationModel model = IsolationModel::Schema;
    TenantState state = TenantState::Active;
    QString shardName;
    QString host;
    int port = 0;
    QString dbname;
    QString schemaName;     // schema model only
    QString tenantKey;      // shared model only: the value of app.tenant_id
    QString matchedDomain;  // the route that matched, e.g. "portal.example.com/globex"
};
