#include "base/ShellWords.h"

#include <QRegularExpression>

QString ShellWords::word(const QString& word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=@%+,-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    return u'\'' + QString(word).replace(u'\'', QLatin1String("'\\''")) + u'\'';
}

QString ShellWords::command(const QStringList& words)
{
    QStringList quoted;
    for (const QString& w : words)
        quoted << word(w);
    return quoted.join(u' ');
}
