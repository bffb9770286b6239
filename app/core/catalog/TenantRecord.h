#pragma once

#include "catalog/ShardTarget.h"
#include "catalog/TenantEnums.h"
#include "catalog/TenantNames.h"

#include <QDateTime>
#include <QString>

// One tenant as the catalog records it, and how to reach its shard's primary: the columns every
// view of a tenant shares. Views that need more extend it (TenantDetails, ManagedTenant,
// ResolvedTenant); TenantRecords loads all of them through one projection. A plain value that
// crosses threads.
struct TenantRecord {
    qint64 id = 0;
    QString slug;
    QString displayName;
    IsolationModel model = IsolationModel::Schema;
    TenantState state = TenantState::Active;
    QString schemaName;   // schema model
    QString databaseName; // database model
    QString tenantKey;    // shared model: the value of app.tenant_id
    QString templateName; // empty when provisioned without a template
    int templateVersion = 0;
    QDateTime purgeAfter; // state deleting: its data is kept until then (UTC); invalid: purged at once
    ShardTarget shard;    // its primary's host is empty when the shard has none; tenant count not loaded

    // The schema its tables are in: its own, public of its database, or shared.
    QString tableSchema() const { return TenantNames::tableSchema(model, schemaName); }
    // The database its data is in on the shard.
    QString dataDatabase() const { return model == IsolationModel::Database ? databaseName : shard.tenantDatabase; }
    // "schema acme", "database tenant_acme", "rows of key 1b9d... in shared tables", for messages.
    QString objectLabel() const;
};
