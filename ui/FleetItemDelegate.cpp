#include "FleetItemDelegate.h"

#include "FleetIcons.h"

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
        option->icon = FleetIcons::forHealth(ShardTableModel::Health(health.toInt()));
        option->features |= QStyleOptionViewItem::HasDecoration;
    } else if (kind.isValid()) {
        option->icon = FleetIcons::forNode(FleetTreeModel::NodeKind(kind.toInt()));
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
    if (health.isValid() && ShardTableModel::Health(health.toInt()) == ShardTableModel::Health::Down) {
        const QColor red(0xc0, 0x1c, 0x28);
        option->palette.setColor(QPalette::Text, red);
        option->palette.setColor(QPalette::HighlightedText, red.lighter(180));
    }
}
