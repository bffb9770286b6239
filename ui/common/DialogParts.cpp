#include "ui/common/DialogParts.h"

#include "catalog/TenantEnums.h"

#include <QComboBox>
#include <QDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
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

void DialogParts::setUpFindingsTable(QTableView* table, std::initializer_list<int> textColumns)
{
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(true);
    for (int column : textColumns)
        table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Stretch);
}

QHBoxLayout* DialogParts::wideRow(QWidget* wide, std::initializer_list<QWidget*> controls)
{
    auto* row = new QHBoxLayout;
    row->addWidget(wide, 1);
    for (QWidget* control : controls)
        row->addWidget(control);
    return row;
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

QLineEdit* DialogParts::lineEdit(QWidget* parent, const QString& objectName, const QString& placeholder)
{
    auto* field = new QLineEdit(parent);
    field->setObjectName(objectName);
    field->setPlaceholderText(placeholder);
    return field;
}

QComboBox* DialogParts::isolationModelBox(QWidget* parent, const QString& objectName)
{
    auto* box = new QComboBox(parent);
    box->setObjectName(objectName);
    for (IsolationModel model : {IsolationModel::Schema, IsolationModel::Database, IsolationModel::Shared})
        box->addItem(toString(model), int(model));
    return box;
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
