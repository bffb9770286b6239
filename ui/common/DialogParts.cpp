#include "ui/common/DialogParts.h"

#include <QDialog>
#include <QHeaderView>
#include <QTableView>

QDialogButtonBox* DialogParts::buttons(QDialog* dialog, QDialogButtonBox::StandardButtons standard)
{
    auto* buttons = new QDialogButtonBox(standard, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

void DialogParts::setUpResultTable(QTableView* table)
{
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setStretchLastSection(true);
}
