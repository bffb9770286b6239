#pragma once

#include "catalog/TenantTarget.h"

#include <QString>

#include <functional>

class QWidget;

// What browsing asks the user, behind an interface so GUI tests answer without a modal dialog
// (as UserPrompts does for the main window). No call waits; the answer comes through the
// callback, and not at all when the user cancels or parent is gone by then.
class BrowsePrompts {
public:
    virtual ~BrowsePrompts() = default;
    // The ticket number or reason for opening a tenant's data (may be empty), for the audit log.
    virtual void askTicket(QWidget* parent, const TenantTarget& target,
                           std::function<void(const QString& ticket)> answer) = 0;
    // Where to export rows: a path to write, suggested is the proposed file name.
    virtual void chooseExportFile(QWidget* parent, const QString& suggested,
                                  std::function<void(const QString& path)> chosen) = 0;
};
