#pragma once

#include "catalog/CatalogInfo.h"
#include "catalog/TenantDetails.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTreeWidget;
class ShardTableModel;
class TenantTable;

// The right-hand pane: everything about what is selected. A tenant shows at once what the
// tenant list knows, then the rest (schema, template, domains, recent audit) when the catalog
// answers. A shard shows its endpoints and how each is doing, updated as probes report.
// Every value is shown as plain text: names and errors come from servers.
class DetailsPane : public QWidget {
    Q_OBJECT
public:
    explicit DetailsPane(const ShardTableModel* shards, QWidget* parent = nullptr);

    void showNothing();
    void showCatalog(const QString& displayName, const CatalogInfo& info);
    // What the tenant list holds for this row, while the details load.
    void showTenantSummary(const TenantTable& table, int row);
    // Ignored unless it is the tenant shown.
    void showTenantDetails(const TenantDetails& details);
    // The id of the tenant shown; 0 when something else is.
    qint64 tenantShown() const { return m_tenantId; }
    void showShard(int shardId);

private:
    // A form page: a bold title, then label/value rows whose values are selectable plain text.
    struct Form {
        QWidget* page;
        QLabel* title;
        QFormLayout* layout;
    };
    Form makeForm(const QString& objectName);
    QLabel* addRow(const Form& form, const QString& label, const QString& objectName);
    void refreshShard();

    const ShardTableModel* m_shards;
    QStackedWidget* m_stack;
    QLabel* m_empty;

    Form m_catalog;
    QLabel* m_catalogServer;
    QLabel* m_catalogRole;
    QLabel* m_catalogVersion;
    QLabel* m_catalogCounts;

    Form m_tenant;
    qint64 m_tenantId = 0;
    QLabel* m_slug;
    QLabel* m_model;
    QLabel* m_shard;
    QLabel* m_state;
    QLabel* m_created;
    QLabel* m_updated;
    QLabel* m_scope;
    QLabel* m_template;
    QListWidget* m_domains;
    QTreeWidget* m_audit;

    Form m_shardForm;
    int m_shardId = 0;
    QLabel* m_shardState;
    QLabel* m_shardDatabase;
    QLabel* m_shardTenants;
    QLabel* m_shardApps;
    QLabel* m_shardTenantOwner;
    QTreeWidget* m_endpoints;
    QLabel* m_shardProblems;
};
