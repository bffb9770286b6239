#pragma once

#include "ui/common/UserPrompts.h"

// UserPrompts as window-modal message boxes and file dialogs, opened with open() so that no
// nested event loop runs.
class DialogPrompts : public UserPrompts {
public:
    void ask(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel,
             std::function<void(bool accepted)> answer) override;
    void inform(QWidget* parent, const QString& title, const QString& text) override;
    void chooseFile(QWidget* parent, const QString& caption, const QString& startPath,
                    std::function<void(const QString& path)> chosen) override;
};
