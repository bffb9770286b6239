#include "base/CatalogInput.h"

static QString describe(const QString& what, char32_t codePoint, qsizetype position)
{
    const QString hex = QString::number(uint(codePoint), 16).toUpper().rightJustified(4, u'0');
    return QStringLiteral("contains %1 (U+%2) at position %3").arg(what, hex).arg(position + 1);
}

QString CatalogInput::problem(const QString& text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        char32_t codePoint = c.unicode();
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(c, text.at(i + 1));
        } else if (c.isSurrogate() || c == QChar::ReplacementCharacter) {
            return QStringLiteral("is not valid UTF-8 (the character at position %1 did not decode)").arg(i + 1);
        }
        switch (QChar::category(codePoint)) {
        case QChar::Other_Control:
            return describe(QStringLiteral("a control character"), codePoint, i);
        case QChar::Other_Format:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            // Zero-width spaces, direction overrides, BOMs: text that is not what it looks like.
            return describe(QStringLiteral("an invisible character"), codePoint, i);
        default:
            break;
        }
        if (codePoint > 0xFFFF)
            ++i;
    }
    return {};
}
