#pragma once

#include <QString>
#include <QStringList>
#include <functional>

class QWidget;

// What the tenant actions ask beyond yes/no (UserPrompts), behind an interface so that GUI tests
// answer without a modal dialog. No call waits; the answer comes through the callback, and not
// at all when the user cancels or parent is gone by then.
class TenantActionsPrompts {
public:
    virtual ~TenantActionsPrompts() = default;
    // Delete: the slug typed again (the action refuses anything else) and how long to keep the
    // data (0: purge at once).
    virtual void confirmDelete(QWidget* parent, const QString& slug,
                               std::function<void(const QString& typedSlug, qint64 retentionSeconds)> answer) = 0;
    // Edit: the display name and the domains, one per entry.
    virtual void editTenant(QWidget* parent, const QString& slug, const QString& displayName,
                            const QStringList& domains,
                            std::function<void(const QString& displayName, const QStringList& domains)> answer) = 0;
    // Archive: the directory (or file) the dump goes to.
    virtual void chooseArchiveTarget(QWidget* parent, const QString& slug,
                                     std::function<void(const QString& path)> chosen) = 0;
};
