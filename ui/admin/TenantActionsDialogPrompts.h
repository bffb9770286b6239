#pragma once

#include "ui/admin/TenantActionsPrompts.h"

// TenantActionsPrompts as small window-modal dialogs, opened with open() (no nested event loop).
class TenantActionsDialogPrompts : public TenantActionsPrompts {
public:
    void confirmDelete(QWidget* parent, const QString& slug,
                       std::function<void(const QString& typedSlug, qint64 retentionSeconds)> answer) override;
    void editTenant(QWidget* parent, const QString& slug, const QString& displayName, const QStringList& domains,
                    std::function<void(const QString& displayName, const QStringList& domains)> answer) override;
    void chooseArchiveTarget(QWidget* parent, const QString& slug,
                             std::function<void(const QString& path)> chosen) override;
};
