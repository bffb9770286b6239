#pragma once

#include "ui/browse/BrowsePrompts.h"

#include <QStringList>

// BrowsePrompts for GUI tests: answers at once with what the test chose and records the questions.
class ScriptedBrowsePrompts : public BrowsePrompts {
public:
    QString ticket; // for askTicket()
    bool cancelTicket = false;
    QString exportPath; // for chooseExportFile(); empty: the user cancels
    QStringList asked;  // the slug of every askTicket()

    void askTicket(QWidget*, const TenantTarget& target, std::function<void(const QString&)> answer) override
    {
        asked << target.tenant.slug;
        if (!cancelTicket)
            answer(ticket);
    }

    void chooseExportFile(QWidget*, const QString&, std::function<void(const QString&)> chosen) override
    {
        if (!exportPath.isEmpty())
            chosen(exportPath);
    }
};
