#include "ui/shell/MainWindow.h"
#include "ui/fleetadmin/FleetActions.h"

#include "ui/admin/BatchProvisionDialog.h"
#include "ui/admin/ProvisionWizard.h"
#include "ui/admin/ReconcileDialog.h"
#include "ui/admin/TemplateUpgradeDialog.h"
#include "ui/admin/TenantActions.h"
#include "ui/adopt/AdoptWizard.h"
#include "ui/browse/TenantOpener.h"
#include "ui/browse/TenantView.h"
#include "ui/dashboard/DashboardWidget.h"
#include "ui/shell/GoToTenantBox.h"
#include "ui/templates/TemplatesDialog.h"

#include "fleet/ShardTableModel.h"
#include "fleet/TenantTableModel.h"
#include "pg/PoolerDetection.h"
#include "ui/common/FleetIcons.h"
#include "ui/common/PlainTextDelegate.h"
#include "ui/common/UserPrompts.h"
#include "ui/shell/AboutDialog.h"
#include "ui/shell/CatalogStatusBar.h"
#include "ui/shell/ConnectDialog.h"
#include "ui/shell/DetailsPane.h"
#include "ui/shell/FleetItemDelegate.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

const QString GeometryKey = QStringLiteral("mainWindow/geometry");
const QString SplitterKey = QStringLiteral("mainWindow/splitter");
// Above this many tenants the tree opens with its groups collapsed.
constexpr int ExpandGroupsUpTo = 1000;

struct GroupingChoice {
    FleetTreeModel::Grouping grouping;
    const char* label;
};
constexpr GroupingChoice groupings[] = {
    {FleetTreeModel::Grouping::Shard, QT_TRANSLATE_NOOP("MainWindow", "Shard")},
    {FleetTreeModel::Grouping::Model, QT_TRANSLATE_NOOP("MainWindow", "Isolation model")},
    {FleetTreeModel::Grouping::State, QT_TRANSLATE_NOOP("MainWindow", "Lifecycle state")},
};

void setUpTable(QTableView* view)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, which keeps 100,000 of them instant.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

// One window per kind of admin dialog: a second request raises the one already open.
template <typename Dialog, typename Make>
void showSingle(QPointer<Dialog>& slot, Make make)
{
    if (!slot) {
        slot = make();
        slot->setAttribute(Qt::WA_DeleteOnClose);
    }
    slot->show();
    slot->raise();
    slot->activateWindow();
}

} // namespace

MainWindow::MainWindow(UserPrompts& prompts, ProfileStore& profiles, QWidget* parent)
    : QMainWindow(parent)
    , m_prompts(prompts)
    , m_profiles(profiles)
    , m_tenants(new TenantTableModel(this))
    , m_shards(new ShardTableModel(this))
    , m_tree(new FleetTreeModel(m_tenants, m_shards, this))
    , m_catalog(new CatalogConnection(m_tenants, m_shards, this))
    , m_tenantActions(new TenantActions(prompts, m_dialogActionPrompts, this))
    , m_fleetActions(new FleetActions(m_shards, prompts, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("TenantDesk"));
    setWindowIcon(FleetIcons::application());
    buildCentralWidget();
    buildActions();
    m_status = new CatalogStatusBar(this);
    setStatusBar(m_status);
    // An endpoint found to be a transaction-pooling PgBouncer, by whichever worker connected.
    PoolerDetection::setReporter([status = QPointer<CatalogStatusBar>(m_status)](const QString& endpoint) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [status, endpoint] {
                if (status)
                    status->showMessage(
                        tr("%1 is a transaction-pooling PgBouncer: no session state there").arg(endpoint), 30000);
            },
            Qt::QueuedConnection);
    });
    restoreLayout();

    connect(m_catalog, &CatalogConnection::opened, this, &MainWindow::catalogOpened);
    connect(m_catalog, &CatalogConnection::infoChanged, this, [this](const CatalogInfo& info) {
        m_status->showCatalog(m_catalog->displayName(), info);
        updateCounts();
    });
    connect(m_catalog, &CatalogConnection::failed, this, &MainWindow::catalogFailed);
    connect(m_catalog, &CatalogConnection::upgradeOffered, this, &MainWindow::offerUpgrade);
    connect(m_catalog, &CatalogConnection::activityChanged, m_status, &CatalogStatusBar::setActivity);
    connect(m_catalog, &CatalogConnection::tenantDetailsLoaded, m_details, &DetailsPane::showTenantDetails);
    connect(m_catalog, &CatalogConnection::firstPageShown, this, &MainWindow::reselectTenant);
    connect(m_catalog, &CatalogConnection::loaded, this, [this] {
        reselectTenant();
        m_reselectTenant = 0;
        updateCounts();
    });
    connect(m_status, &CatalogStatusBar::cancelRequested, m_catalog, &CatalogConnection::cancel);
    createTenantOpener();
    connect(m_tenantActions, &TenantActions::tenantChanged, this, &MainWindow::refresh);
    connect(m_tenants, &TenantTableModel::countsChanged, this, &MainWindow::updateCounts);
    connect(m_tenants, &TenantTableModel::tenantsReplaced, this, &MainWindow::tenantsReloaded);
    connect(m_tree, &QAbstractItemModel::modelReset, this, &MainWindow::expandTree);
}

MainWindow::~MainWindow() = default;

void MainWindow::openCatalog(const ConnectionParams& params)
{
    m_catalog->open(params);
}

ConnectDialog* MainWindow::showConnectDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return m_dialog;
    }
    m_dialog = new ConnectDialog(m_profiles, m_prompts, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &ConnectDialog::connectRequested, m_catalog, &CatalogConnection::open);
    m_dialog->open();
    return m_dialog;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    if (auto* splitter = qobject_cast<QSplitter*>(centralWidget()))
        settings.setValue(SplitterKey, splitter->saveState());
    event->accept();
}

void MainWindow::buildActions()
{
    auto icon = [this](const char* name, QStyle::StandardPixmap fallback) {
        return QIcon::fromTheme(QString::fromLatin1(name), style()->standardIcon(fallback));
    };
    auto* connectAction = new QAction(icon("network-connect", QStyle::SP_DriveNetIcon), tr("&Connect…"), this);
    connectAction->setObjectName(QStringLiteral("actionConnect"));
    connectAction->setShortcut(QKeySequence::Open);
    connect(connectAction, &QAction::triggered, this, &MainWindow::showConnectDialog);

    m_refreshAction = new QAction(icon("view-refresh", QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refreshAction->setObjectName(QStringLiteral("actionRefresh"));
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setEnabled(false);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    auto* findAction = new QAction(tr("&Find Tenant"), this);
    findAction->setObjectName(QStringLiteral("actionFind"));
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, &MainWindow::focusFilter);

    auto* quitAction = new QAction(icon("application-exit", QStyle::SP_DialogCloseButton), tr("&Quit"), this);
    quitAction->setObjectName(QStringLiteral("actionQuit"));
    quitAction->setShortcut(QKeySequence::Quit);
    quitAction->setMenuRole(QAction::QuitRole);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);

    auto* aboutAction = new QAction(tr("&About TenantDesk"), this);
    aboutAction->setObjectName(QStringLiteral("actionAbout"));
    aboutAction->setMenuRole(QAction::AboutRole);
    connect(aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_groupingBox = new QComboBox(this);
    m_groupingBox->setObjectName(QStringLiteral("groupingSelector"));
    m_groupingActions = new QActionGroup(this);
    for (const GroupingChoice& choice : groupings) {
        const QString label = tr(choice.label);
        m_groupingBox->addItem(label, int(choice.grouping));
        QAction* action = m_groupingActions->addAction(label);
        action->setCheckable(true);
        action->setChecked(choice.grouping == m_tree->grouping());
        action->setData(int(choice.grouping));
    }
    connect(m_groupingBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setGrouping(FleetTreeModel::Grouping(m_groupingBox->itemData(index).toInt())); });
    connect(m_groupingActions, &QActionGroup::triggered, this,
            [this](QAction* action) { setGrouping(FleetTreeModel::Grouping(action->data().toInt())); });

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(connectAction);
    file->addSeparator();
    file->addAction(quitAction);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* groupBy = view->addMenu(tr("&Group Tree By"));
    groupBy->addActions(m_groupingActions->actions());
    view->addAction(findAction);
    view->addSeparator();
    view->addAction(m_refreshAction);
    buildTenantsMenu();
    buildFleetMenu();
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(aboutAction);

    QToolBar* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(connectAction);
    toolbar->addAction(m_refreshAction);
    toolbar->addAction(m_adminActions.first());
    toolbar->addSeparator();
    auto* groupLabel = new QLabel(tr("Group by: "), this);
    groupLabel->setBuddy(m_groupingBox);
    toolbar->addWidget(groupLabel);
    toolbar->addWidget(m_groupingBox);
    toolbar->addSeparator();
    toolbar->addWidget(m_goTo);
    auto* goToAction = new QAction(tr("&Go to Tenant…"), this);
    goToAction->setObjectName(QStringLiteral("actionGoToTenant"));
    goToAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(goToAction, &QAction::triggered, m_goTo, &GoToTenantBox::activate);
    view->addAction(goToAction);
    // The window takes Ctrl+F and Ctrl+G wherever the focus is.
    addAction(findAction);
    addAction(goToAction);
}

void MainWindow::buildTenantsMenu()
{
    auto addAdminAction = [this](const QString& text, const char* name, void (MainWindow::*slot)()) {
        auto* action = new QAction(text, this);
        action->setObjectName(QLatin1String(name));
        action->setEnabled(false);
        connect(action, &QAction::triggered, this, slot);
        m_adminActions.append(action);
        return action;
    };
    QAction* newTenant = addAdminAction(tr("&New Tenant…"), "actionNewTenant", &MainWindow::showProvisionWizard);
    newTenant->setShortcut(QKeySequence::New);
    newTenant->setIcon(QIcon::fromTheme(QStringLiteral("list-add"), style()->standardIcon(QStyle::SP_FileIcon)));
    newTenant->setIconText(tr("New Tenant"));
    QAction* batch = addAdminAction(tr("New Tenants from &CSV…"), "actionBatchTenants", &MainWindow::showBatchDialog);
    QAction* adopt = addAdminAction(tr("&Adopt Existing Tenants…"), "actionAdoptTenants", &MainWindow::showAdoptWizard);
    QAction* reconcile = addAdminAction(tr("&Reconcile Catalog and Shards…"), "actionReconcile",
                                        &MainWindow::showReconcileDialog);
    QAction* upgrades = addAdminAction(tr("&Template Upgrades…"), "actionTemplateUpgrades",
                                       &MainWindow::showTemplateUpgrades);
    QAction* templates = addAdminAction(tr("Te&mplates…"), "actionTemplates", &MainWindow::showTemplates);
    // The window takes Ctrl+N wherever the focus is.
    addAction(newTenant);

    QMenu* tenants = menuBar()->addMenu(tr("&Tenants"));
    tenants->setObjectName(QStringLiteral("tenantsMenu"));
    tenants->addAction(newTenant);
    tenants->addAction(batch);
    tenants->addAction(adopt);
    tenants->addSeparator();
    tenants->addActions(m_tenantActions->actions());
    tenants->addSeparator();
    tenants->addAction(reconcile);
    tenants->addAction(templates);
    tenants->addAction(upgrades);

    m_tenantView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tenantView->addActions(m_tenantActions->actions());
    m_fleetView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_fleetView, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeContextMenu);
}

void MainWindow::buildFleetMenu()
{
    QMenu* fleet = menuBar()->addMenu(tr("F&leet"));
    fleet->setObjectName(QStringLiteral("fleetMenu"));
    for (QAction* action : m_fleetActions->menuActions()) {
        if (action)
            fleet->addAction(action);
        else
            fleet->addSeparator();
    }
    // A change made here shows at once; changes by others follow the catalog's fleet generation.
    connect(m_fleetActions, &FleetActions::changed, m_catalog, &CatalogConnection::pollFleetGeneration);
    m_shardView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_shardView, &QWidget::customContextMenuRequested, this, &MainWindow::showShardTableContextMenu);
}

void MainWindow::showShardTableContextMenu(const QPoint& position)
{
    const QModelIndex index = m_shardView->indexAt(position);
    if (!index.isValid())
        return;
    m_shardView->setCurrentIndex(index);
    m_fleetActions->setCurrent(index.data(ShardTableModel::ShardIdRole).toInt(),
                               index.data(ShardTableModel::EndpointIdRole).toInt());
    QMenu::exec(m_fleetActions->endpointActions() + m_fleetActions->shardActions(),
                m_shardView->viewport()->mapToGlobal(position), nullptr, this);
}

void MainWindow::showTreeContextMenu(const QPoint& position)
{
    using Kind = FleetTreeModel::NodeKind;
    const QModelIndex index = m_fleetView->indexAt(position);
    const Kind kind = Kind(index.data(FleetTreeModel::NodeKindRole).toInt());
    // Grouped by shard, a shard's node is its tenant group.
    const bool shard = kind == Kind::Shard
                       || (kind == Kind::Group && index.data(FleetTreeModel::ShardIdRole).isValid());
    if (index.isValid() && (shard || kind == Kind::Endpoint)) {
        m_fleetView->setCurrentIndex(index); // the actions act on the node under the mouse
        QMenu::exec(shard ? m_fleetActions->shardActions() : m_fleetActions->endpointActions(),
                    m_fleetView->viewport()->mapToGlobal(position), nullptr, this);
        return;
    }
    if (kind != Kind::Tenant)
        return;
    m_fleetView->setCurrentIndex(index); // the actions act on the tenant under the mouse
    QMenu::exec(m_tenantActions->actions(), m_fleetView->viewport()->mapToGlobal(position), nullptr, this);
}

void MainWindow::showProvisionWizard()
{
    auto* wizard = new ProvisionWizard(m_catalog->params(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &ProvisionWizard::tenantCreated, this, &MainWindow::refresh);
    wizard->open();
}

void MainWindow::showAdoptWizard()
{
    auto* wizard = new AdoptWizard(m_catalog->params(), this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &AdoptWizard::tenantsAdopted, this, &MainWindow::refresh);
    wizard->open();
}

void MainWindow::showBatchDialog()
{
    showSingle(m_batchDialog, [this] {
        auto* dialog = new BatchProvisionDialog(m_catalog->params(), m_prompts, this);
        connect(dialog, &BatchProvisionDialog::tenantsCreated, this, &MainWindow::refresh);
        return dialog;
    });
}

void MainWindow::showReconcileDialog()
{
    showSingle(m_reconcileDialog, [this] {
        auto* dialog = new ReconcileDialog(m_catalog->params(), this);
        connect(dialog, &ReconcileDialog::repaired, this, &MainWindow::refresh);
        return dialog;
    });
}

void MainWindow::showTemplateUpgrades()
{
    showSingle(m_upgradeDialog, [this] {
        auto* dialog = new TemplateUpgradeDialog(m_catalog->params(), this);
        connect(dialog, &TemplateUpgradeDialog::upgradeFinished, this, [this](int upgraded, int) {
            if (upgraded > 0)
                refresh();
        });
        return dialog;
    });
}

void MainWindow::showTemplates()
{
    showSingle(m_templatesDialog, [this] { return new TemplatesDialog(m_catalog->params(), m_prompts, this); });
    // Import offers the tenant selected here.
    m_templatesDialog->setSourceTenant(m_tenantActions->tenantSlug());
}

void MainWindow::setTenantActionsPrompts(TenantActionsPrompts& prompts)
{
    m_tenantActions->setActionPrompts(prompts);
}

void MainWindow::buildCentralWidget()
{
    m_fleetView = new QTreeView;
    m_fleetView->setObjectName(QStringLiteral("fleetTree"));
    m_fleetView->setModel(m_tree);
    m_fleetView->setHeaderHidden(true);
    m_fleetView->setUniformRowHeights(true);
    m_fleetView->setItemDelegate(new FleetItemDelegate(-1, m_fleetView));
    m_fleetView->setTextElideMode(Qt::ElideRight);

    m_shardView = new QTableView;
    m_shardView->setObjectName(QStringLiteral("shardTable"));
    m_shardView->setModel(m_shards);
    m_shardView->setItemDelegate(new FleetItemDelegate(ShardTableModel::Status, m_shardView));
    setUpTable(m_shardView);
    // A few dozen rows at most: measuring them is cheap.
    m_shardView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_shardView->horizontalHeader()->setStretchLastSection(true);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tenantsTab = buildTenantsTab();
    m_tabs->addTab(m_tenantsTab, tr("Te&nants"));
    m_tabs->addTab(m_shardView, tr("S&hards"));
    // The dashboard polls only while its tab is shown.
    m_dashboard = new DashboardWidget;
    m_dashboard->setObjectName(QStringLiteral("dashboard"));
    m_tabs->addTab(m_dashboard, tr("&Load"));
    connect(m_dashboard, &DashboardWidget::healthChanged, m_shards, &ShardTableModel::setLiveHealth);
    m_dashboard->followFleet(m_catalog);
    // Tenant tabs close; the two fleet tabs stay.
    m_tabs->setTabsClosable(true);
    for (int i = 0; i < m_tabs->count(); ++i)
        m_tabs->tabBar()->setTabButton(i, QTabBar::RightSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);

    m_goTo = new GoToTenantBox(this);
    m_goTo->setObjectName(QStringLiteral("goToTenant"));
    m_goTo->setMinimumWidth(280);
    m_goTo->setCompletionModel(m_tenants, 0);
    connect(m_goTo, &GoToTenantBox::tenantRequested, this, &MainWindow::openTenant);
    connect(m_goTo, &GoToTenantBox::inputRefused, this,
            [this](const QString& message) { m_prompts.inform(this, tr("Go to Tenant"), message); });

    m_details = new DetailsPane(m_shards);

    auto* splitter = new QSplitter(Qt::Horizontal);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_fleetView);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 0);
    splitter->setSizes({280, 820, 300});
    setCentralWidget(splitter);

    connect(m_tenantView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::tenantRowSelected);
    connect(m_fleetView->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::treeNodeSelected);
    connect(m_tenantView, &QAbstractItemView::doubleClicked, this,
            [this](const QModelIndex& index) { openTenantAt(m_tenants->tableRow(index.row())); });
    connect(m_fleetView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.data(FleetTreeModel::NodeKindRole).toInt() == int(FleetTreeModel::NodeKind::Tenant))
            openTenantAt(m_tree->tableRow(index));
    });
    connect(m_shardView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!current.isValid())
                    return;
                m_details->showShard(current.data(ShardTableModel::ShardIdRole).toInt());
                m_fleetActions->setCurrent(current.data(ShardTableModel::ShardIdRole).toInt(),
                                           current.data(ShardTableModel::EndpointIdRole).toInt());
            });
}

QWidget* MainWindow::buildTenantsTab()
{
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("tenantFilter"));
    m_filter->setPlaceholderText(tr("Filter tenants by slug, name, model, shard, state or date (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_tenants, &TenantTableModel::setFilterText);

    m_tenantView = new QTableView;
    m_tenantView->setObjectName(QStringLiteral("tenantTable"));
    m_tenantView->setModel(m_tenants);
    m_tenantView->setItemDelegate(new PlainTextDelegate(m_tenantView));
    setUpTable(m_tenantView);
    QHeaderView* header = m_tenantView->horizontalHeader();
    // Catalog order (by slug, as the server sorts) until the user clicks a header: later pages
    // then simply append, with nothing to sort.
    header->setSortIndicator(-1, Qt::AscendingOrder);
    m_tenantView->setSortingEnabled(true);
    // Sized by hand from the widest value each column can hold: ResizeToContents would measure
    // every one of 100,000 rows.
    const QFontMetrics metrics = m_tenantView->fontMetrics();
    const int padding = metrics.horizontalAdvance(u'M') * 2;
    auto fit = [&](TenantTable::Column column, const QString& widest) {
        header->resizeSection(column, std::max(metrics.horizontalAdvance(widest),
                                               metrics.horizontalAdvance(TenantTable::columnTitle(column)))
                                          + padding);
    };
    fit(TenantTable::Slug, QStringLiteral("massive-dynamic-corp"));
    fit(TenantTable::Model, QStringLiteral("database"));
    fit(TenantTable::Shard, QStringLiteral("shard-16"));
    fit(TenantTable::State, QStringLiteral("provisioning"));
    fit(TenantTable::Created, QStringLiteral("2099-12-31 23:59"));
    header->setSectionResizeMode(TenantTable::Name, QHeaderView::Stretch);

    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_tenantView);
    return tab;
}

void MainWindow::restoreLayout()
{
    resize(1400, 860);
    const QSettings settings;
    restoreGeometry(settings.value(GeometryKey).toByteArray());
    if (auto* splitter = qobject_cast<QSplitter*>(centralWidget()))
        splitter->restoreState(settings.value(SplitterKey).toByteArray());
}

void MainWindow::catalogOpened(const CatalogInfo& info)
{
    if (m_dialog)
        m_dialog->accept();
    const QString name = m_catalog->displayName();
    setWindowTitle(tr("%1 — TenantDesk").arg(name));
    m_status->showCatalog(name, info);
    m_tree->setCatalogLabel(tr("Catalog %1:%2/%3").arg(info.host, info.port, info.database));
    m_refreshAction->setEnabled(true);
    m_opener->setCatalog(m_catalog->params());
    m_tenantActions->setCatalog(m_catalog->params());
    m_fleetActions->setCatalog(m_catalog->params());
    for (QAction* action : std::as_const(m_adminActions))
        action->setEnabled(true);
    m_dashboard->openCatalog(m_catalog->params());
    if (m_reselectTenant == 0)
        m_details->showCatalog(name, info);
    updateCounts();
}

void MainWindow::catalogFailed(CatalogConnection::Step step, const JobError& error)
{
    using Step = CatalogConnection::Step;
    switch (step) {
    case Step::Connect:
    case Step::Inspect:
    case Step::Upgrade:
        // A catalog that could not be opened; whatever was open stays open.
        if (m_dialog)
            m_dialog->showError(error.text());
        else
            m_prompts.inform(this, tr("Cannot Open the Catalog"), error.text());
        break;
    case Step::Load:
        // A lost connection is made again by Refresh, so it stays enabled.
        m_status->showMessage(error.is(PgError::Kind::Cancelled)
                                  ? tr("Loading cancelled: the lists are incomplete.")
                                  : tr("Loading failed, the lists are incomplete: %1").arg(error.line()));
        updateCounts();
        break;
    case Step::Details:
        m_status->showMessage(tr("Could not load the tenant's details: %1").arg(error.line()), 10000);
        break;
    }
}

void MainWindow::offerUpgrade(int fromVersion, int toVersion)
{
    QWidget* parent = m_dialog ? static_cast<QWidget*>(m_dialog) : this;
    m_prompts.ask(parent, tr("Upgrade Catalog"),
                  tr("This catalog is at version %1; this TenantDesk works with version %2.\n\n"
                     "Upgrade catalog from v%1 to v%2? The upgrade runs in one transaction. Application servers "
                     "that read the catalog keep working: released catalog versions are only ever extended.")
                      .arg(fromVersion)
                      .arg(toVersion),
                  tr("Upgrade"), [this](bool accepted) {
                      if (accepted)
                          m_catalog->upgrade();
                      else
                          m_catalog->declineUpgrade();
                  });
}

void MainWindow::refresh()
{
    const QModelIndex current = m_tenantView->currentIndex();
    m_reselectTenant = current.isValid() ? m_tenants->tenantId(current.row()) : 0;
    m_catalog->refresh();
}

void MainWindow::focusFilter()
{
    m_tabs->setCurrentWidget(m_tenantsTab);
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void MainWindow::setGrouping(FleetTreeModel::Grouping grouping)
{
    m_tree->setGrouping(grouping);
    const QSignalBlocker blocker(m_groupingBox);
    m_groupingBox->setCurrentIndex(m_groupingBox->findData(int(grouping)));
    for (QAction* action : m_groupingActions->actions())
        action->setChecked(action->data().toInt() == int(grouping));
}

void MainWindow::expandTree()
{
    const QModelIndex catalog = m_tree->catalogIndex();
    if (!catalog.isValid())
        return;
    m_fleetView->expand(catalog);
    // Endpoints are always in view, so a server that is down shows at once; tenants only when few.
    const bool few = m_catalog->info().tenantCount <= ExpandGroupsUpTo;
    for (int row = 0; row < m_tree->rowCount(catalog); ++row) {
        const QModelIndex child = m_tree->index(row, 0, catalog);
        const auto kind = FleetTreeModel::NodeKind(child.data(FleetTreeModel::NodeKindRole).toInt());
        if (few || kind == FleetTreeModel::NodeKind::ShardsFolder)
            m_fleetView->expand(child);
        const QModelIndex first = m_tree->index(0, 0, child);
        if (FleetTreeModel::NodeKind(first.data(FleetTreeModel::NodeKindRole).toInt())
            == FleetTreeModel::NodeKind::EndpointsFolder)
            m_fleetView->expand(first);
    }
}

void MainWindow::tenantRowSelected()
{
    const QModelIndex current = m_tenantView->currentIndex();
    if (current.isValid())
        showTenant(m_tenants->tableRow(current.row()));
    else
        m_tenantActions->clearTenant(); // e.g. the list is loading again
}

void MainWindow::treeNodeSelected()
{
    using Kind = FleetTreeModel::NodeKind;
    const QModelIndex current = m_fleetView->currentIndex();
    if (!current.isValid())
        return;
    const QVariant shardId = current.data(FleetTreeModel::ShardIdRole);
    m_fleetActions->setCurrent(shardId.toInt(), current.data(FleetTreeModel::EndpointIdRole).toInt());
    switch (Kind(current.data(FleetTreeModel::NodeKindRole).toInt())) {
    case Kind::Catalog:
        m_details->showCatalog(m_catalog->displayName(), m_catalog->info());
        break;
    case Kind::Tenant:
        showTenant(m_tree->tableRow(current));
        break;
    case Kind::Shard:
    case Kind::EndpointsFolder:
    case Kind::Endpoint:
    case Kind::Group:
        if (shardId.isValid())
            m_details->showShard(shardId.toInt());
        else
            m_details->showNothing();
        break;
    case Kind::ShardsFolder:
        m_details->showNothing();
        break;
    }
    if (Kind(current.data(FleetTreeModel::NodeKindRole).toInt()) != Kind::Tenant)
        m_tenantActions->clearTenant();
}

void MainWindow::showTenant(int tableRow)
{
    if (tableRow < 0)
        return;
    const TenantTable& table = m_tenants->table();
    m_tenantActions->setTenant(table.id(tableRow), table.slug(tableRow), table.state(tableRow));
    m_details->showTenantSummary(table, tableRow);
    m_catalog->loadTenantDetails(table.id(tableRow));
}

void MainWindow::reselectTenant()
{
    if (m_reselectTenant == 0)
        return;
    const int row = m_tenants->rowOfTenant(m_reselectTenant);
    if (row < 0)
        return;
    m_tenantView->setCurrentIndex(m_tenants->index(row, 0));
    m_tenantView->scrollTo(m_tenants->index(row, 0));
    m_reselectTenant = 0;
}

void MainWindow::tenantsReloaded()
{
    // The details pane shows what the list held (its shard, its state): show it as it is now.
    if (m_details->tenantShown() == 0)
        return;
    const int row = m_tenants->rowOfTenant(m_details->tenantShown());
    if (row >= 0)
        showTenant(m_tenants->tableRow(row));
}

void MainWindow::updateCounts()
{
    if (!m_catalog->isOpen())
        return;
    m_status->setTenantCounts(m_tenants->rowCount(), m_tenants->totalCount(), m_catalog->info().tenantCount,
                              m_catalog->isComplete());
}

void MainWindow::showAbout()
{
    auto* about = new AboutDialog(serversSeen(), this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

QStringList MainWindow::serversSeen() const
{
    QStringList servers;
    if (m_catalog->isOpen())
        servers << tr("%1 (catalog): PostgreSQL %2").arg(m_catalog->displayName(), m_catalog->info().serverVersion);
    for (const ShardInfo& shard : m_shards->shards()) {
        for (const EndpointInfo& endpoint : shard.endpoints) {
            const std::optional<EndpointStatus> status = m_shards->status(endpoint.id);
            if (status && status->reachable)
                servers << tr("%1:%2 (%3 %4): PostgreSQL %5")
                               .arg(endpoint.host)
                               .arg(endpoint.port)
                               .arg(shard.name, endpoint.roleName(), status->serverVersion);
        }
    }
    return servers;
}

void MainWindow::setBrowsePrompts(BrowsePrompts* prompts)
{
    m_browsePrompts = prompts;
    createTenantOpener();
}

// The opener keeps the prompts it was made with, so a change of prompts makes a new one.
void MainWindow::createTenantOpener()
{
    const ConnectionParams catalog = m_opener ? m_opener->catalog() : ConnectionParams();
    delete m_opener;
    m_opener = new TenantOpener(m_browsePrompts, this, this);
    m_opener->setCatalog(catalog);
    connect(m_opener, &TenantOpener::tenantOpened, this, &MainWindow::addTenantTab);
    connect(m_opener, &TenantOpener::failed, this, [this](const QString& text, const QString& message) {
        m_prompts.inform(this, tr("Cannot Open Tenant"), tr("%1: %2").arg(text, message));
    });
}

void MainWindow::openTenant(const QString& text)
{
    if (m_opener->catalog().isEmpty()) {
        m_prompts.inform(this, tr("Go to Tenant"), tr("Connect to a catalog first."));
        return;
    }
    m_opener->open(text);
}

void MainWindow::openTenantAt(int tableRow)
{
    if (tableRow >= 0)
        openTenant(m_tenants->table().slug(tableRow));
}

void MainWindow::addTenantTab(const TenantAccess& access)
{
    auto* view = new TenantView(access, m_catalog->params(), m_browsePrompts);
    m_tabs->setCurrentIndex(m_tabs->addTab(view, access.target.tenant.slug));
}

void MainWindow::closeTab(int index)
{
    if (auto* view = qobject_cast<TenantView*>(m_tabs->widget(index))) {
        m_tabs->removeTab(index);
        view->deleteLater();
    }
}
