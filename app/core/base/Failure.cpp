#include "base/Failure.h"

#include <QRegularExpression>

Failure::Failure(QString message, QString detail, QString hint)
    : m_message(std::move(message).trimmed())
    , m_detail(std::move(detail).trimmed())
    , m_hint(std::move(hint).trimmed())
    , m_what(m_message.toUtf8())
{
}

QString Failure::text() const
{
    QString text = m_message;
    if (!m_detail.isEmpty())
        text += QStringLiteral("\nDetail: ") + m_detail;
    if (!m_hint.isEmpty())
        text += QStringLiteral("\nHint: ") + m_hint;
    static const QRegularExpression indent(QStringLiteral("\\n\\s+"));
    return text.replace(indent, QStringLiteral("\n"));
}

const char* Failure::what() const noexcept
{
    return m_what.constData();
}
