#pragma once

#include "provision/ShardTarget.h"
#include "catalog/TenantEnums.h"

#include <QString>

// One tenant as the lifecycle actions, reconcile and template upgrades need it: its catalog row
// and how to reach its shard. Loaded by ManagedTenants; a plain value that crosses threads.
struct ManagedTenant {
    qint64 id = 0;
    QString slug;
    QString displayName;
    IsolationModel model = IsolationModel::Schema;
    TenantState state = TenantState::Active;
    QString schemaName;   // schema model
    QString databaseName; // database model
    QString tenantKey;    // shared model
    QString templateName;
    int templateVersion = 0;
    QString purgeAfter;        // state 'deleting': when its data may go (server text); empty: at once
    bool purgeDue = true;      // state 'deleting': that time has come
    double secondsInState = 0; // since the catalog row last changed
    ShardTarget shard;         // without its tenant count

    // The schema its tables are in: its own, public of its database, or shared.
    QString tableSchema() const;
    // The database its data is in on the shard.
    QString dataDatabase() const
    {
        return model == IsolationModel::Database ? databaseName : shard.tenantDatabase;
    }
    // "schema acme", "database tenant_acme", "rows of key 1b9d... in shared tables", for messages.
    QString objectLabel() const;
};
