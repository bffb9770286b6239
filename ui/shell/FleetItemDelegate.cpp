#include "ui/shell/FleetItemDelegate.h"

#include "ui/common/FleetIcons.h"
#include "ui/common/HealthColors.h"

FleetItemDelegate::FleetItemDelegate(int statusColumn, QObject* parent)
    : PlainTextDelegate(parent)
    , m_statusColumn(statusColumn)
{
}

void FleetItemDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    PlainTextDelegate::initStyleOption(option, index);
    const QVariant health = index.data(ShardTableModel::HealthRole);
    const QVariant kind = index.data(FleetTreeModel::NodeKindRole);
    const auto endpointKind = int(FleetTreeModel::NodeKind::Endpoint);
    if (health.isValid() && (index.column() == m_statusColumn || kind.toInt() == endpointKind)) {
        option->icon = FleetIcons::forHealth(HealthState(health.toInt()));
        option->features |= QStyleOptionViewItem::HasDecoration;
    } else if (kind.isValid()) {
        option->icon = FleetIcons::forNode(FleetTreeModel::NodeKind(kind.toInt()));
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
    // The same colours as the load dashboard's health table.
    const auto state = HealthState(health.toInt());
    if (health.isValid() && state >= HealthState::Warning) {
        const QColor colour = HealthColors::of(state);
        option->palette.setColor(QPalette::Text, colour);
        option->palette.setColor(QPalette::HighlightedText, colour.lighter(180));
    }
}
