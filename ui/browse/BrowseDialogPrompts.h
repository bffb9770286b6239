#pragma once

#include "ui/browse/BrowsePrompts.h"

// BrowsePrompts as window-modal dialogs opened with open(), so no nested event loop runs.
class BrowseDialogPrompts : public BrowsePrompts {
public:
    void askTicket(QWidget* parent, const TenantTarget& target,
                   std::function<void(const QString& ticket)> answer) override;
    void chooseExportFile(QWidget* parent, const QString& suggested,
                          std::function<void(const QString& path)> chosen) override;
};
