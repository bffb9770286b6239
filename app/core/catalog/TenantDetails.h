#pragma once

#include "catalog/CatalogAuditEntry.h"
#include "catalog/CatalogDomain.h"
#include "catalog/ShardInfo.h"
#include "catalog/TenantEnums.h"

#include <QDateTime>
#include <QList>
#include <QString>

// Everything the catalog knows about one tenant, from CatalogClient::loadTenantDetails().
struct TenantDetails {
    qint64 id = 0;
    QString slug;
    QString displayName;
    IsolationModel model = IsolationModel::Schema;
    TenantState state = TenantState::Active;
    QString schemaName;    // schema model
    QString databaseName;  // database model
    QString tenantKey;     // shared model: the value of app.tenant_id
    QString templateName;  // empty when provisioned without a template
    int templateVersion = 0;
    QDateTime createdAt;  // UTC
    QDateTime updatedAt;
    QDateTime purgeAfter;  // state deleting: its data is kept until then; invalid: purged at once

    ShardInfo shard;  // with its endpoints; its tenant counts are not loaded here
    QList<CatalogDomain> domains;
    QList<CatalogAuditEntry> recentAudit;  // newest first, at most CatalogClient::RecentAuditEntries

    // The database the tenant's data lives in on its shard.
    QString dataDatabase() const
    {
        return model == IsolationModel::Database ? databaseName : shard.tenantDatabase;
    }
};
