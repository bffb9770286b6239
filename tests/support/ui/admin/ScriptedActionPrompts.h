#pragma once

#include "ui/admin/TenantActionsPrompts.h"

#include <QStringList>

// Answers the tenant actions' questions at once, with what the test set.
class ScriptedActionPrompts : public TenantActionsPrompts {
public:
    QString typedSlug;
    qint64 retention = 0;
    QString archivePath; // empty: the user cancels the file dialog
    void confirmDelete(QWidget*, const QString&, std::function<void(const QString&, qint64)> answer) override
    {
        answer(typedSlug, retention);
    }
    void editTenant(QWidget*, const QString&, const QString& name, const QStringList& domains,
                    std::function<void(const QString&, const QStringList&)> answer) override
    {
        answer(name + QStringLiteral(" (renamed)"), domains);
    }
    void chooseArchiveTarget(QWidget*, const QString&, std::function<void(const QString&)> chosen) override
    {
        if (!archivePath.isEmpty())
            chosen(archivePath);
    }
};
