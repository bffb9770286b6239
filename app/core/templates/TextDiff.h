#pragma once

#include <QString>
#include <QStringList>

// A unified diff of two texts, line by line (Myers' algorithm: a shortest edit script), as
// `diff -u` prints it: what `templates diff` shows when the structure of two versions cannot be
// compared. Empty when the texts are equal.
class TextDiff {
public:
    static QStringList unified(const QString& before, const QString& after, const QString& beforeLabel,
                               const QString& afterLabel, int context = 3);
};
