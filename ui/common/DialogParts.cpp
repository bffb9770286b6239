#include "ui/common/DialogParts.h"

#include <QDialog>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
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

QLabel* DialogParts::statusLabel(QWidget* parent, const QString& objectName)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

void DialogParts::showStatus(QLabel* label, const QString& text)
{
    label->setStyleSheet({});
    label->setText(text);
}

void DialogParts::showProblem(QLabel* label, const QString& text)
{
    label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    label->setText(text);
}

QPlainTextEdit* DialogParts::codeView(QWidget* parent, const QString& objectName)
{
    auto* view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}
