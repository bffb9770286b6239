#pragma once

#include <QLineEdit>

class QAbstractItemModel;

// "Go to tenant": a line edit that takes a slug, display name, domain, host:port or URL and
// emits tenantRequested() on Return. Whoever embeds it gives it its shortcut (Ctrl+G) and turns
// the request into a tenant tab (TenantOpener). Text that could never match (empty, too long,
// control or invisible characters) is refused here through inputRefused(), and nothing is sent.
class GoToTenantBox : public QLineEdit {
    Q_OBJECT
public:
    explicit GoToTenantBox(QWidget* parent = nullptr);

    // Offers completions from a column of model (e.g. the tenants' slugs), matching anywhere.
    void setCompletionModel(QAbstractItemModel* model, int column);
    // Puts the cursor in the box with its text selected: what Ctrl+G does.
    void activate();

signals:
    void tenantRequested(const QString& text);
    // The typed text was refused before anything was sent; message says why.
    void inputRefused(const QString& message);

private:
    void submit();
};
