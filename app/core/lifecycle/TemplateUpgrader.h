#pragma once

#include "catalog/TenantEnums.h"
#include "lifecycle/UpgradeRow.h"
#include "provision/ShardConnections.h"

#include "pg/CancelToken.h"
#include <QList>
#include <functional>

// Brings tenants from version N - 1 of a template to version N by running the template's
// upgrade_ddl (the delta) in each tenant's schema (shared-table tenants: once in the shared
// tables of each shard), as tenantdesk_owner, in one shard transaction that also records the new
// version in the shard's TenantDesk records; then the catalog's template_version and audit row,
// in one catalog transaction. A tenant whose shard records the new version already (an earlier
// run stopped between the two) only gets the catalog update, so a retry never runs a delta
// twice. One tenant failing never stops the others; run the failed ones again to retry.
//
// Blocking: tenantctl or a worker thread.
class TemplateUpgrader {
public:
    // How many tenants are at each version of each template (tenants_by_template.sql).
    struct VersionCount {
        QString templateName;
        IsolationModel model = IsolationModel::Schema;
        int version = 0;
        QString state;
        qint64 tenants = 0;
        int latest = 0; // the template's newest version for that model
    };
    static QList<VersionCount> versions(PgConnection& catalog);

    TemplateUpgrader(PgConnection& catalog, ShardConnections& shards, QString templateName, IsolationModel model,
                     int toVersion);

    // The tenants at version toVersion - 1 (only those slugs, when given; for shared-table tenants
    // also the others on their shards). Throws InputError when the template has no upgrade
    // path to toVersion.
    QList<UpgradeRow> candidates(const QStringList& slugs = {});

    using RowChanged = std::function<void(int index, const UpgradeRow& row)>;
    // Upgrades the rows that are Pending or Failed, in order, until done or cancelled.
    void run(QList<UpgradeRow>& rows, const RowChanged& changed, const CancelToken& cancel = CancelToken());
    // Upgrades one tenant; its outcome is in row (never throws for the tenant's own failure).
    // readingBack: this is the one retry after an answer was lost.
    void upgrade(UpgradeRow& row, bool readingBack = false);

private:
    void upgradeShard(const struct ManagedTenant& tenant);

    PgConnection& m_catalog;
    ShardConnections& m_shards;
    QString m_template;
    IsolationModel m_model;
    int m_to;
    QString m_delta;
};
