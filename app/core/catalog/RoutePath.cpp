#include "catalog/RoutePath.h"

#include <QRegularExpression>
#include <QStringList>

namespace {

bool isUnreserved(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
           || c == '_' || c == '~';
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// %XX of an unreserved character decoded, other valid escapes in upper case, the rest as it is.
QString decodeUnreserved(const QString& path)
{
    QString out;
    out.reserve(path.size());
    for (qsizetype i = 0; i < path.size(); ++i) {
        const int high = i + 2 < path.size() && path[i] == u'%' ? hexValue(path[i + 1]) : -1;
        const int low = high < 0 ? -1 : hexValue(path[i + 2]);
        if (low < 0) {
            out += path[i];
            continue;
        }
        const int code = high * 16 + low;
        if (isUnreserved(code))
            out += QChar(code);
        else
            out += u'%' + path.mid(i + 1, 2).toUpper();
        i += 2;
    }
    return out;
}

} // namespace

QString RoutePath::normalized(const QString& path)
{
    QString decoded = decodeUnreserved(path);
    if (decoded.startsWith(u'/'))
        decoded.remove(0, 1);
    QStringList kept;
    bool trailingSlash = false;
    for (const QString& segment : decoded.split(u'/')) {
        if (segment.isEmpty() || segment == QLatin1String(".")) {
            trailingSlash = true;
        } else if (segment == QLatin1String("..")) {
            if (!kept.isEmpty())
                kept.removeLast();
            trailingSlash = true;
        } else {
            kept.append(segment);
            trailingSlash = false;
        }
    }
    return u'/' + kept.join(u'/') + (trailingSlash && !kept.isEmpty() ? QStringLiteral("/") : QString());
}

QString RoutePath::normalizedTarget(const QString& target)
{
    // The split of tenantdesk.resolve(): [scheme://]host[:port], then the path up to '?' or '#'.
    static const QRegularExpression parts(
        QStringLiteral("^((?:[a-zA-Z][a-zA-Z0-9+.-]*://)?[^/:?#]+(?::[0-9]{1,5})?)([^?#]*)"));
    const QRegularExpressionMatch m = parts.match(target);
    if (!m.hasMatch() || !m.captured(2).startsWith(u'/'))
        return target;
    return m.captured(1) + normalized(m.captured(2)) + target.mid(m.capturedEnd(2));
}
