#include "ui/browse/BrowseCellDelegate.h"

#include "rows/BrowseTableModel.h"

void BrowseCellDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool isNull = index.data(BrowseTableModel::IsNullRole).toBool();
    if (isNull || index.data(BrowseTableModel::IsPlaceholderRole).toBool()) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        option->font.setItalic(isNull);
    }
}
