#pragma once

#include "catalog/CatalogAuditEntry.h"
#include "catalog/CatalogDomain.h"
#include "catalog/EndpointInfo.h"
#include "catalog/TenantRecord.h"

#include <QDateTime>
#include <QList>

// Everything the catalog knows about one tenant, from CatalogClient::loadTenantDetails(): its
// record and the rest of what the details pane and support sessions show.
struct TenantDetails : TenantRecord {
    QDateTime createdAt; // UTC
    QDateTime updatedAt;
    QList<EndpointInfo> endpoints; // its shard's, primary first
    QList<CatalogDomain> domains;
    QList<CatalogAuditEntry> recentAudit; // newest first, at most CatalogClient::RecentAuditEntries

    const EndpointInfo* primary() const
    {
        for (const EndpointInfo& e : endpoints) {
            if (e.isPrimary())
                return &e;
        }
        return nullptr;
    }
};
