#pragma once

#include <QByteArray>
#include <QString>

// Files as a test plants and inspects them around OutputFile: victims, planted links, modes.
namespace FileProbe {
// Writes bytes to path, mode 0600; a failure fails the running test.
void write(const QString& path, const QByteArray& bytes);
// What path holds, or "<unreadable>".
QByteArray contents(const QString& path);
// The permission bits of path itself (not of what a link points to); -1 if it does not exist.
int mode(const QString& path);
} // namespace FileProbe
