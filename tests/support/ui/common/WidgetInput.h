#pragma once

#include <QLineEdit>
#include <QTest>
#include <algorithm>

// How widget tests reach a window's widgets and type into them, as a user would.

// The child of root with this object name; a test cannot go on without it.
template <typename T>
T* namedChild(const QObject* root, const char* name)
{
    T* child = root->findChild<T*>(QLatin1String(name));
    if (!child)
        qFatal("no child named %s", name);
    return child;
}

// Replaces the edit's text, typed key by key; text that no key makes (invisible characters)
// arrives as if pasted.
inline void typeInto(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    if (std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; }))
        QTest::keyClicks(edit, text);
    else
        edit->insert(text);
}
