#include "ui/shell/GoToTenantBox.h"

#include "catalog/TenantLocator.h"

#include <QCompleter>

GoToTenantBox::GoToTenantBox(QWidget* parent)
    : QLineEdit(parent)
{
    setObjectName(QStringLiteral("goToTenant"));
    setPlaceholderText(tr("Go to tenant: slug, name, domain or URL"));
    setClearButtonEnabled(true);
    setMaxLength(TenantLocator::MaxInputLength);
    connect(this, &QLineEdit::returnPressed, this, &GoToTenantBox::submit);
}

void GoToTenantBox::setCompletionModel(QAbstractItemModel* model, int column)
{
    auto* completer = new QCompleter(model, this);
    completer->setCompletionColumn(column);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    setCompleter(completer);
}

void GoToTenantBox::activate()
{
    setFocus(Qt::ShortcutFocusReason);
    selectAll();
}

void GoToTenantBox::submit()
{
    const QString problem = TenantLocator::inputProblem(text());
    if (!problem.isEmpty()) {
        emit inputRefused(problem);
        return;
    }
    emit tenantRequested(text().trimmed());
}
