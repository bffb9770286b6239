#pragma once

#include <QString>
#include <QStringList>

// Commands shown to an admin to copy into a POSIX shell (a restore command, a fix), with names
// from the fleet that may hold quotes, spaces or $.
namespace ShellWords {
// One word: as it is when nothing in it is special, else in single quotes.
QString word(const QString& word);
// The words, each quoted as word() does, separated by spaces.
QString command(const QStringList& words);
} // namespace ShellWords
