#include "rows/CellFormatter.h"

QString CellFormatter::format(const BrowseColumn& column, const QString& text)
{
    if (column.isJson())
        return prettyJson(text);
    if (column.isBytea())
        return hexDump(text);
    return text;
}

QString CellFormatter::prettyJson(QStringView json)
{
    QString out;
    out.reserve(json.size() * 2);
    int depth = 0;
    bool inString = false;
    auto newline = [&] { out += u'\n' + QString(depth * 2, u' '); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar ch = json[i];
        if (inString) {
            out += ch;
            if (ch == u'\\' && i + 1 < json.size())
                out += json[++i];
            else if (ch == u'"')
                inString = false;
            continue;
        }
        switch (ch.unicode()) {
        case u'"':
            inString = true;
            out += ch;
            break;
        case u'{':
        case u'[': {
            // Empty containers stay on one line.
            qsizetype next = i + 1;
            while (next < json.size() && json[next].isSpace())
                ++next;
            if (next < json.size() && (json[next] == u'}' || json[next] == u']')) {
                out += ch;
                out += json[next];
                i = next;
                break;
            }
            out += ch;
            ++depth;
            newline();
            break;
        }
        case u'}':
        case u']':
            --depth;
            newline();
            out += ch;
            break;
        case u',':
            out += ch;
            newline();
            break;
        case u':':
            out += QStringLiteral(": ");
            break;
        default:
            if (!ch.isSpace())
                out += ch;
        }
    }
    return out;
}

QString CellFormatter::hexDump(QStringView byteaText)
{
    if (!byteaText.startsWith(QLatin1String("\\x")))
        return byteaText.toString();
    const QByteArray bytes = QByteArray::fromHex(byteaText.mid(2).toLatin1());
    QString out = QStringLiteral("%1 bytes\n").arg(bytes.size());
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        QString hex;
        QString ascii;
        for (qsizetype i = offset; i < offset + 16; ++i) {
            if (i < bytes.size()) {
                const auto b = static_cast<unsigned char>(bytes[i]);
                hex += QStringLiteral("%1 ").arg(uint(b), 2, 16, QLatin1Char('0'));
                ascii += (b >= 0x20 && b < 0x7f) ? QChar(b) : u'.';
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == offset + 7)
                hex += u' ';
        }
        out += QStringLiteral("%1  %2 |%3|\n").arg(qlonglong(offset), 8, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return out;
}
