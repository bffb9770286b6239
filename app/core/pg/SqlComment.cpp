#include "pg/SqlComment.h"

QString SqlComment::oneLine(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar ch : text) {
        if (ch == u'\\')
            out += QStringLiteral("\\\\");
        else if (ch == u'\n')
            out += QStringLiteral("\\n");
        else if (ch == u'\r')
            out += QStringLiteral("\\r");
        else if (ch.unicode() < 0x20 || ch.unicode() == 0x7f || ch == QChar::LineSeparator
                 || ch == QChar::ParagraphSeparator)
            out += QStringLiteral("\\x%1").arg(ch.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += ch;
    }
    return out;
}
