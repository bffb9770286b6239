#pragma once

#include <QString>

#include <functional>

class QWidget;

// The questions a window puts to the user (yes/no, a notice, a file to pick), behind an
// interface so that GUI tests answer them without a modal dialog blocking the test (qTox's
// IMessageBoxManager). No call waits: the answer arrives later through the callback, and not
// at all when the dialog is dismissed with nothing chosen or parent is gone by then.
// Text is shown as plain text: it may carry server error messages and tenant names.
class UserPrompts {
public:
    virtual ~UserPrompts() = default;
    virtual void ask(QWidget* parent, const QString& title, const QString& text, const QString& acceptLabel,
                     std::function<void(bool accepted)> answer) = 0;
    virtual void inform(QWidget* parent, const QString& title, const QString& text) = 0;
    virtual void chooseFile(QWidget* parent, const QString& caption, const QString& startPath,
                            std::function<void(const QString& path)> chosen) = 0;
};
