#include "pg/PgError.h"

PgError::PgError(Kind kind, QString message, QString sqlState, QString detail, QString hint)
    : Failure(std::move(message), std::move(detail), std::move(hint))
    , m_kind(kind)
    , m_sqlState(std::move(sqlState))
{
}

bool PgError::is(const Failure& error, Kind kind)
{
    const auto* pg = dynamic_cast<const PgError*>(&error);
    return pg && pg->kind() == kind;
}

PgError PgError::asUnknownOutcome(const QString& inFlight) const
{
    return PgError(Kind::UnknownOutcome,
                   QStringLiteral("no answer to %1, which may have taken effect: %2").arg(inFlight, message()),
                   m_sqlState, detail(), hint());
}

void throwReworded(const Failure& error, const QString& message)
{
    if (const auto* pg = dynamic_cast<const PgError*>(&error))
        throw PgError(pg->kind(), message, pg->sqlState(), pg->detail(), pg->hint());
    throw InputError(message);
}
