#include "ui/browse/TenantBanner.h"

#include "ui/common/ElidedLabel.h"

#include <QHBoxLayout>
#include <QLabel>

static ElidedLabel* elidedLabel(const QString& name, QWidget* parent)
{
    auto* label = new ElidedLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

TenantBanner::TenantBanner(const TenantTarget& target, QWidget* parent)
    : QFrame(parent)
    , m_tenant(elidedLabel(QStringLiteral("bannerTenant"), this))
    , m_placement(elidedLabel(QStringLiteral("bannerPlacement"), this))
    , m_endpoint(elidedLabel(QStringLiteral("bannerEndpoint"), this))
    , m_readOnly(new QLabel(tr("READ-ONLY"), this))
{
    setObjectName(QStringLiteral("tenantBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // A colour of its own, the same in light and dark themes: this strip must never blend in.
    setStyleSheet(QStringLiteral(
        "#tenantBanner { background: #1f4e79; border-radius: 3px; }"
        "#tenantBanner QLabel { color: white; }"
        "#bannerReadOnly { background: #c0392b; padding: 1px 6px; border-radius: 3px; font-weight: bold; }"));
    const TenantDetails& t = target.tenant;
    QFont bold = m_tenant->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_tenant->setFont(bold);
    m_tenant->setFullText(t.slug + QStringLiteral(" — ") + t.displayName);
    QString where = toString(t.model);
    switch (t.model) {
    case IsolationModel::Schema:
        where += QStringLiteral(" tenant, schema ") + t.schemaName + QStringLiteral(" in ") + target.database();
        break;
    case IsolationModel::Database:
        where += QStringLiteral(" tenant, database ") + target.database();
        break;
    case IsolationModel::Shared:
        where += QStringLiteral(" tenant, key ") + t.tenantKey + QStringLiteral(" in ") + target.database();
        break;
    }
    where += QStringLiteral(" · ") + t.shard.name;
    if (t.state != TenantState::Active)
        where += QStringLiteral(" · ") + toString(t.state).toUpper();
    m_placement->setFullText(where);
    m_endpoint->setFullText(tr("connecting…"));
    m_readOnly->setObjectName(QStringLiteral("bannerReadOnly"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(16);
    layout->addWidget(m_tenant);
    layout->addWidget(m_placement);
    layout->addStretch(1);
    layout->addWidget(m_endpoint);
    layout->addWidget(m_readOnly);
}

void TenantBanner::setRoute(const BrowseRoute& route)
{
    m_endpoint->setFullText(route.text());
}

QString TenantBanner::text() const
{
    return QStringList{m_tenant->fullText(), m_placement->fullText(), m_endpoint->fullText(), m_readOnly->text()}.join(
        QStringLiteral(" | "));
}
