#pragma once

#include "fleet/CatalogConnection.h"
#include "fleet/FleetTreeModel.h"
#include "ui/admin/TenantActionsDialogPrompts.h"
#include "ui/browse/BrowseDialogPrompts.h"

#include <QMainWindow>
#include <QPointer>

class CatalogStatusBar;
class ConnectDialog;
class DashboardWidget;
class DetailsPane;
class FleetActions;
class GoToTenantBox;
class TenantOpener;
struct TenantAccess;
class ProfileStore;
class QActionGroup;
class QComboBox;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTreeView;
class ShardTableModel;
class TenantActions;
class TenantTableModel;
class UserPrompts;

// The console: the fleet tree on the left, tenants and shards in tabs, details of the selection
// on the right, and the catalog's status below. All server work goes through its
// CatalogConnection; the window only shows models and reacts to their signals.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // prompts and profiles are services owned by the caller (tests pass their own).
    MainWindow(UserPrompts& prompts, ProfileStore& profiles, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a catalog without the dialog, e.g. from a connection string on the command line.
    void openCatalog(const ConnectionParams& params);
    // Shows the connect dialog, window-modal and without blocking; it closes once connected.
    ConnectDialog* showConnectDialog();

    CatalogConnection* catalog() const { return m_catalog; }
    // The prompts of tenant tabs (ticket, export file); tests pass scripted ones.
    void setBrowsePrompts(BrowsePrompts* prompts);
    // Resolves a slug, name, domain, host:port or URL and opens the tenant in a read-only tab.
    void openTenant(const QString& text);
    TenantTableModel* tenantModel() const { return m_tenants; }
    // Suspend, resume, edit, archive and delete of the selected tenant.
    TenantActions* tenantActions() const { return m_tenantActions; }
    // The Fleet menu's actions on shards, endpoints and the fleet's role names.
    FleetActions* fleetActions() const { return m_fleetActions; }
    // The questions the tenant actions ask (tests pass scripted answers); not owned.
    void setTenantActionsPrompts(TenantActionsPrompts& prompts);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildTenantsMenu();
    void showProvisionWizard();
    void showBatchDialog();
    void showAdoptWizard();
    void showReconcileDialog();
    void showTemplateUpgrades();
    void buildFleetMenu();
    void showTemplates();
    void showTreeContextMenu(const QPoint& position);
    void showShardTableContextMenu(const QPoint& position);
    void buildCentralWidget();
    QWidget* buildTenantsTab();
    void restoreLayout();

    void catalogOpened(const CatalogInfo& info);
    void catalogFailed(CatalogConnection::Step step, const JobError& error);
    void offerUpgrade(int fromVersion, int toVersion);
    void refresh();
    void focusFilter();
    void setGrouping(FleetTreeModel::Grouping grouping);
    void expandTree();
    void tenantRowSelected();
    void treeNodeSelected();
    void showTenant(int tableRow);
    void reselectTenant();
    void tenantsReloaded();
    void updateCounts();
    void showAbout();
    void createTenantOpener();
    void addTenantTab(const TenantAccess& access);
    void closeTab(int index);
    void openTenantAt(int tableRow);
    QStringList serversSeen() const;

    UserPrompts& m_prompts;
    ProfileStore& m_profiles;
    TenantTableModel* m_tenants;
    ShardTableModel* m_shards;
    FleetTreeModel* m_tree;
    CatalogConnection* m_catalog;

    QTreeView* m_fleetView = nullptr;
    QTabWidget* m_tabs = nullptr;
    QWidget* m_tenantsTab = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_tenantView = nullptr;
    QTableView* m_shardView = nullptr;
    DashboardWidget* m_dashboard = nullptr;
    DetailsPane* m_details = nullptr;
    CatalogStatusBar* m_status = nullptr;
    QComboBox* m_groupingBox = nullptr;
    QActionGroup* m_groupingActions = nullptr;
    QAction* m_refreshAction = nullptr;
    QList<QAction*> m_adminActions; // need an open catalog
    GoToTenantBox* m_goTo = nullptr;
    TenantOpener* m_opener = nullptr;
    BrowseDialogPrompts m_dialogBrowsePrompts;
    BrowsePrompts* m_browsePrompts = &m_dialogBrowsePrompts;
    TenantActionsDialogPrompts m_dialogActionPrompts;
    TenantActions* m_tenantActions;
    FleetActions* m_fleetActions;
    QPointer<class BatchProvisionDialog> m_batchDialog;
    QPointer<class ReconcileDialog> m_reconcileDialog;
    QPointer<class TemplateUpgradeDialog> m_upgradeDialog;
    QPointer<class TemplatesDialog> m_templatesDialog;
    QPointer<ConnectDialog> m_dialog;
    qint64 m_reselectTenant = 0; // selected before a refresh, selected again after it
};
