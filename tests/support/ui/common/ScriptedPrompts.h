#pragma once

#include "ui/common/UserPrompts.h"

#include <QStringList>

// UserPrompts for GUI tests: records every question and notice, and answers questions at once
// with the answer the test chose, so no modal dialog ever blocks a test.
class ScriptedPrompts : public UserPrompts {
public:
    bool answer = true;    // for ask()
    QString fileToChoose;  // for chooseFile(); empty: the user cancels
    QStringList questions; // "title: text" of every ask()
    QStringList notices;   // "title: text" of every inform()

    void ask(QWidget*, const QString& title, const QString& text, const QString&,
             std::function<void(bool)> accepted) override
    {
        questions << title + QStringLiteral(": ") + text;
        accepted(answer);
    }

    void inform(QWidget*, const QString& title, const QString& text) override
    {
        notices << title + QStringLiteral(": ") + text;
    }

    void chooseFile(QWidget*, const QString&, const QString&, std::function<void(const QString&)> chosen) override
    {
        if (!fileToChoose.isEmpty())
            chosen(fileToChoose);
    }
};
