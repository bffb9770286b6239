#pragma once

#include <QStyledItemDelegate>

// An item delegate whose tooltips are always plain text. QToolTip renders anything that looks
// like markup as rich text, and tooltips here carry server error messages and tenant names.
class PlainTextDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;
};
