#include "pg/PgError.h"

PgError::PgError(Kind kind, QString message, QString sqlState, QString detail, QString hint)
    : m_kind(kind)
    , m_message(std::move(message).trimmed())
    , m_sqlState(std::move(sqlState))
    , m_detail(std::move(detail).trimmed())
    , m_hint(std::move(hint).trimmed())
    , m_what(m_message.toUtf8())
{
}

PgError PgError::asUnknownOutcome(const QString& inFlight) const
{
    return PgError(
        Kind::UnknownOutcome,
        QStringLiteral("no answer to %1, which may have taken effect: %2").arg(inFlight, m_message),
        m_sqlState, m_detail, m_hint);
}

QString PgError::fullText() const
{
    QString text = m_message;
    if (!m_detail.isEmpty())
        text += QStringLiteral("\nDetail: ") + m_detail;
    if (!m_hint.isEmpty())
        text += QStringLiteral("\nHint: ") + m_hint;
    return text;
}

const char* PgError::what() const noexcept
{
    return m_what.constData();
}
