#pragma once

#include <QStyledItemDelegate>

// Draws a BrowseTableModel cell: NULL in grey italics (so it never reads as the text "NULL"),
// rows still loading in grey.
class BrowseCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
