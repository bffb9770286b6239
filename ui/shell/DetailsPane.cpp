#include "ui/shell/DetailsPane.h"

#include "catalog/TenantTable.h"
#include "fleet/ShardTableModel.h"
#include "ui/common/PlainTextDelegate.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString utcText(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")) : QString();
}

QLabel* plainLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

const QColor downColor(0xc0, 0x1c, 0x28);

} // namespace

DetailsPane::DetailsPane(const ShardTableModel* shards, QWidget* parent)
    : QWidget(parent)
    , m_shards(shards)
    , m_stack(new QStackedWidget)
{
    setObjectName(QStringLiteral("detailsPane"));
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_stack);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    m_empty = new QLabel(tr("Select a tenant, shard or endpoint to see its details."));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    m_stack->addWidget(m_empty);

    m_catalog = makeForm(QStringLiteral("catalogDetails"));
    m_catalogServer = addRow(m_catalog, tr("Server"), QStringLiteral("catalogServer"));
    m_catalogRole = addRow(m_catalog, tr("Connected as"), QStringLiteral("catalogRole"));
    m_catalogVersion = addRow(m_catalog, tr("Catalog version"), QStringLiteral("catalogVersion"));
    m_catalogCounts = addRow(m_catalog, tr("Holds"), QStringLiteral("catalogCounts"));

    m_tenant = makeForm(QStringLiteral("tenantDetails"));
    m_slug = addRow(m_tenant, tr("Slug"), QStringLiteral("detailSlug"));
    m_model = addRow(m_tenant, tr("Isolation"), QStringLiteral("detailModel"));
    m_shard = addRow(m_tenant, tr("Shard"), QStringLiteral("detailShard"));
    m_state = addRow(m_tenant, tr("State"), QStringLiteral("detailState"));
    m_scope = addRow(m_tenant, tr("Lives in"), QStringLiteral("detailScope"));
    m_template = addRow(m_tenant, tr("Template"), QStringLiteral("detailTemplate"));
    m_created = addRow(m_tenant, tr("Created"), QStringLiteral("detailCreated"));
    m_updated = addRow(m_tenant, tr("Updated"), QStringLiteral("detailUpdated"));
    m_domains = new QListWidget;
    m_domains->setObjectName(QStringLiteral("tenantDomains"));
    m_domains->setMaximumHeight(m_domains->fontMetrics().height() * 6);
    m_tenant.layout->addRow(tr("Domains"), m_domains);
    m_audit = new QTreeWidget;
    m_audit->setObjectName(QStringLiteral("tenantAudit"));
    m_audit->setItemDelegate(new PlainTextDelegate(m_audit));
    // What happened first: in a narrow pane it is the column that must not scroll out of view.
    m_audit->setHeaderLabels({tr("What"), tr("When (UTC)"), tr("Who"), tr("Reason")});
    m_audit->setRootIsDecorated(false);
    m_audit->setUniformRowHeights(true);
    m_audit->setMaximumHeight(m_audit->fontMetrics().height() * 10);
    m_audit->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tenant.layout->addRow(tr("Recent changes"), m_audit);

    m_shardForm = makeForm(QStringLiteral("shardDetails"));
    m_shardState = addRow(m_shardForm, tr("State"), QStringLiteral("shardState"));
    m_shardDatabase = addRow(m_shardForm, tr("Tenant database"), QStringLiteral("shardDatabase"));
    m_shardTenants = addRow(m_shardForm, tr("Tenants"), QStringLiteral("shardTenants"));
    m_shardApps = addRow(m_shardForm, tr("Application roles"), QStringLiteral("shardApps"));
    m_shardTenantOwner = addRow(m_shardForm, tr("New tenants owned by"), QStringLiteral("shardTenantOwner"));
    m_endpoints = new QTreeWidget;
    m_endpoints->setObjectName(QStringLiteral("shardEndpoints"));
    m_endpoints->setItemDelegate(new PlainTextDelegate(m_endpoints));
    // Versions and sizes are in the Shards tab; here what matters is which endpoint is up.
    m_endpoints->setHeaderLabels({tr("Role"), tr("Address"), tr("Status"), tr("Lag")});
    m_endpoints->setRootIsDecorated(false);
    m_endpoints->setMaximumHeight(m_endpoints->fontMetrics().height() * 8);
    m_endpoints->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_shardForm.layout->addRow(tr("Endpoints"), m_endpoints);
    m_shardProblems = plainLabel(nullptr);
    m_shardProblems->setObjectName(QStringLiteral("shardProblems"));
    QPalette palette = m_shardProblems->palette();
    palette.setColor(QPalette::WindowText, downColor);
    m_shardProblems->setPalette(palette);
    m_shardForm.layout->addRow(m_shardProblems);

    connect(m_shards, &QAbstractItemModel::dataChanged, this, &DetailsPane::refreshShard);
    connect(m_shards, &QAbstractItemModel::modelReset, this, &DetailsPane::refreshShard);
    showNothing();
}

void DetailsPane::showNothing()
{
    m_tenantId = 0;
    m_shardId = 0;
    m_stack->setCurrentWidget(m_empty);
}

void DetailsPane::showCatalog(const QString& displayName, const CatalogInfo& info)
{
    m_tenantId = 0;
    m_shardId = 0;
    const QLocale locale;
    m_catalog.title->setText(tr("Catalog"));
    m_catalogServer->setText(tr("%1\nPostgreSQL %2").arg(displayName, info.serverVersion));
    QStringList powers;
    if (info.superuser)
        powers << tr("superuser");
    if (info.createDb)
        powers << tr("can create databases");
    powers << (info.canWrite ? tr("can change tenants") : tr("read-only"));
    m_catalogRole->setText(tr("%1 (%2)").arg(info.user, powers.join(QStringLiteral(", "))));
    m_catalogVersion->setText(info.status == CatalogInfo::Status::Older
                                  ? tr("%1 (this TenantDesk ships %2)").arg(info.catalogVersion).arg(info.latestVersion)
                              : info.status == CatalogInfo::Status::Newer
                                  ? tr("%1 (newer than this TenantDesk's %2: read-only here)")
                                        .arg(info.catalogVersion)
                                        .arg(info.latestVersion)
                                  : tr("%1 (current)").arg(info.catalogVersion));
    m_catalogCounts->setText(tr("%1 shards, %2 endpoints, %3 tenants, %4 domains")
                                 .arg(locale.toString(info.shardCount), locale.toString(info.endpointCount),
                                      locale.toString(info.tenantCount), locale.toString(info.domainCount)));
    m_stack->setCurrentWidget(m_catalog.page);
}

void DetailsPane::showTenantSummary(const TenantTable& table, int row)
{
    m_shardId = 0;
    m_tenantId = table.id(row);
    m_tenant.title->setText(table.name(row));
    m_slug->setText(table.slug(row));
    m_model->setText(table.text(row, TenantTable::Model));
    m_shard->setText(table.shardName(row));
    m_state->setText(table.text(row, TenantTable::State));
    m_created->setText(table.text(row, TenantTable::Created) + QStringLiteral(" UTC"));
    const QString loading = tr("loading…");
    for (QLabel* label : {m_updated, m_scope, m_template})
        label->setText(loading);
    m_domains->clear();
    m_audit->clear();
    m_stack->setCurrentWidget(m_tenant.page);
}

void DetailsPane::showTenantDetails(const TenantDetails& d)
{
    if (d.id != m_tenantId)
        return;
    m_tenant.title->setText(d.displayName);
    m_slug->setText(d.slug);
    m_model->setText(toString(d.model));
    m_shard->setText(d.shard.name);
    m_state->setText(toString(d.state));
    switch (d.model) {
    case IsolationModel::Schema:
        m_scope->setText(tr("schema %1 in database %2").arg(d.schemaName, d.dataDatabase()));
        break;
    case IsolationModel::Database:
        m_scope->setText(tr("database %1").arg(d.databaseName));
        break;
    case IsolationModel::Shared:
        m_scope->setText(tr("shared tables in database %1, tenant key %2").arg(d.dataDatabase(), d.tenantKey));
        break;
    }
    m_template->setText(d.templateName.isEmpty() ? tr("none")
                                                 : tr("%1, version %2").arg(d.templateName).arg(d.templateVersion));
    m_created->setText(utcText(d.createdAt));
    m_updated->setText(utcText(d.updatedAt));

    m_domains->clear();
    for (const CatalogDomain& domain : d.domains)
        m_domains->addItem(domain.route());
    if (d.domains.isEmpty())
        m_domains->addItem(tr("(none)"));
    m_audit->clear();
    for (const CatalogAuditEntry& entry : d.recentAudit) {
        auto* item = new QTreeWidgetItem(m_audit, {entry.action,
                                                   entry.at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                                   entry.actor, entry.reason});
        item->setToolTip(0, entry.details);
    }
    if (d.recentAudit.isEmpty())
        (new QTreeWidgetItem(m_audit, {tr("(none recorded)")}))->setFirstColumnSpanned(true);
}

void DetailsPane::showShard(int shardId)
{
    m_tenantId = 0;
    m_shardId = shardId;
    refreshShard();
    m_stack->setCurrentWidget(m_shardForm.page);
}

void DetailsPane::refreshShard()
{
    if (m_shardId == 0)
        return;
    const ShardInfo* shard = nullptr;
    for (const ShardInfo& s : m_shards->shards()) {
        if (s.id == m_shardId)
            shard = &s;
    }
    if (!shard) {
        showNothing();
        return;
    }
    const QLocale locale;
    m_shardForm.title->setText(shard->name);
    m_shardState->setText(toString(shard->state));
    m_shardDatabase->setText(shard->tenantDatabase);
    m_shardApps->setText(shard->ownAppRoles ? shard->appRoles.join(QLatin1String(", "))
                                            : tr("%1 (the fleet's)").arg(shard->appRoles.join(QLatin1String(", "))));
    m_shardTenantOwner->setText(shard->tenantOwner.isEmpty() ? tr("the fleet's owner role")
                                                             : tr("%1 (an application role)").arg(shard->tenantOwner));
    QStringList byState;
    for (int s = 0; s < TenantStateCount; ++s) {
        if (shard->tenantsByState[size_t(s)] > 0)
            byState << tr("%1 %2").arg(locale.toString(shard->tenantsByState[size_t(s)]), toString(TenantState(s)));
    }
    m_shardTenants->setText(
        tr("%1 of capacity %2").arg(locale.toString(shard->tenantCount()), locale.toString(shard->capacity))
        + (byState.isEmpty() ? QString() : u'\n' + byState.join(QStringLiteral(", "))));

    m_endpoints->clear();
    QStringList problems;
    for (const EndpointInfo& endpoint : shard->endpoints) {
        const std::optional<EndpointStatus> status = m_shards->status(endpoint.id);
        const QString state = !status ? tr("checking…") : status->reachable ? tr("up") : tr("down");
        QString lag;
        if (status && status->reachable && status->inRecovery && status->lagSeconds)
            lag = tr("%1 s").arg(locale.toString(*status->lagSeconds, 'f', 1));
        auto* item = new QTreeWidgetItem(
            m_endpoints,
            {endpoint.roleName(), QStringLiteral("%1:%2").arg(endpoint.host).arg(endpoint.port), state, lag});
        for (int column = 0; column < item->columnCount(); ++column)
            item->setToolTip(column, m_shards->describe(endpoint));
        if (status && !status->reachable) {
            for (int column = 0; column < item->columnCount(); ++column)
                item->setForeground(column, downColor);
            problems << m_shards->describe(endpoint);
        }
    }
    m_shardProblems->setText(problems.join(u'\n'));
    m_shardProblems->setVisible(!problems.isEmpty());
}

DetailsPane::Form DetailsPane::makeForm(const QString& objectName)
{
    auto* page = new QWidget;
    page->setObjectName(objectName);
    auto* title = plainLabel(page);
    title->setObjectName(objectName + QStringLiteral("Title"));
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    title->setFont(font);
    auto* layout = new QFormLayout;
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    auto* outer = new QVBoxLayout(page);
    outer->addWidget(title);
    outer->addLayout(layout);
    outer->addStretch(1);
    m_stack->addWidget(page);
    return {page, title, layout};
}

QLabel* DetailsPane::addRow(const Form& form, const QString& label, const QString& objectName)
{
    QLabel* value = plainLabel(form.page);
    value->setObjectName(objectName);
    form.layout->addRow(label, value);
    return value;
}
