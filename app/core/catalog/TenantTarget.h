#pragma once

#include "catalog/TenantDetails.h"

#include <QList>
#include <QString>

// One tenant that support asked for, as TenantLocator found it in the catalog: everything needed
// to reach its data (shard endpoints, database, schema or tenant key) and how the request
// matched, for the banner and the audit log. A plain value: it crosses threads.
struct TenantTarget {
    TenantDetails tenant;
    QString matchedBy;   // "slug", "name" or "domain"
    QString matchedText; // the slug, name or route that matched

    const EndpointInfo* primary() const { return tenant.primary(); }
    QList<EndpointInfo> replicas() const
    {
        QList<EndpointInfo> result;
        for (const EndpointInfo& e : tenant.endpoints) {
            if (!e.isPrimary())
                result.append(e);
        }
        return result;
    }
    // The database the tenant's data lives in on its shard.
    QString database() const { return tenant.dataDatabase(); }
};
