#include "base/TerminalText.h"

#include <QStringList>

namespace {

bool isControl(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

bool reordersOrBreaks(char16_t c)
{
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

QString TerminalText::escaped(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (isControl(c))
            out += QStringLiteral("\\x") + QString::number(c, 16).rightJustified(2, u'0');
        else if (reordersOrBreaks(c))
            out += QStringLiteral("\\u") + QString::number(c, 16).rightJustified(4, u'0');
        else
            out += ch;
    }
    return out;
}

QString TerminalText::escapedLines(const QString& text)
{
    QStringList lines = text.split(u'\n');
    for (QString& line : lines)
        line = escaped(line);
    return lines.join(u'\n');
}
