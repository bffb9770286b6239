#pragma once

#include "ui/common/PlainTextDelegate.h"

// Paints what the fleet models only describe with roles (FleetTreeModel::NodeKindRole,
// ShardTableModel::HealthRole): a node icon in the tree, a health icon in the shard table's
// status column, and a down endpoint in red (its text also says "down", for colour-blind users
// and screen readers). Tooltips are plain text (PlainTextDelegate).
class FleetItemDelegate : public PlainTextDelegate {
    Q_OBJECT
public:
    // statusColumn: the column that gets the health icon in a table; -1 for the tree.
    explicit FleetItemDelegate(int statusColumn, QObject* parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    int m_statusColumn;
};
