#pragma once

#include "ScriptedPrompts.h"
#include "WidgetInput.h"
#include "catalog/ProfileStore.h"
#include "ui/shell/MainWindow.h"

#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// What a main window under test stands on: settings and connection profiles of its own in a
// temporary folder (never the user's), and prompts the test answers.
class WindowServices {
public:
    WindowServices()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear(); // no window geometry or splitter from an earlier run
    }

    // A new main window on these services, shown (offscreen); wait for it with
    // QTest::qWaitForWindowExposed.
    std::unique_ptr<MainWindow> showWindow()
    {
        auto window = std::make_unique<MainWindow>(prompts, profiles);
        window->show();
        return window;
    }

    QTemporaryDir dir;
    QSettings settings{dir.filePath(QStringLiteral("profiles.ini")), QSettings::IniFormat};
    ProfileStore profiles{&settings};
    ScriptedPrompts prompts;
};
