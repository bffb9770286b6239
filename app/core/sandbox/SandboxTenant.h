#pragma once

#include "catalog/TenantEnums.h"
#include "catalog/TenantNames.h"

#include <QList>
#include <QString>
#include <QUuid>

// One tenant the sandbox seeds: its names, where it lives, its domains and how much store data it
// gets. The plan is deterministic, so every sandbox of the same size holds the same tenants.
struct SandboxTenant {
    struct Domain {
        QString host;
        int port = 0;       // 0: any port
        QString pathPrefix; // empty: the whole host
    };

    int index = 0; // position in the plan; also the seed of its data
    QString slug;
    QString displayName;
    IsolationModel model = IsolationModel::Schema;
    int shard = 1;        // 1 or 2
    QString schemaName;   // schema model
    QString databaseName; // database model
    QUuid key;            // shared model: the value of app.tenant_id
    int customers = 0;
    int items = 0;
    int orders = 0;
    double priceFactor = 1; // the tenant's own price level
    QString skuPrefix;
    QList<Domain> domains;

    QString shardName() const { return QStringLiteral("shard-%1").arg(shard); }
    // The search_path that puts the tenant's store tables first.
    QString tableSchema() const { return TenantNames::tableSchema(model, schemaName); }

    // `count` tenants: well-known fictional companies first, then tenant-041, tenant-042, ...
    // Models and shards alternate so that every model lives on both shards from six tenants on.
    // Every tenant has a host domain; some also a host:port or a URL path on a shared host.
    static QList<SandboxTenant> plan(int count);

    // The template the sandbox records for its tenants.
    static constexpr const char* templateName = "store";
    static constexpr int templateVersion = 1;
};
