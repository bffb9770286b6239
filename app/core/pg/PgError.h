#pragma once

#include "base/Failure.h"
#include "base/InputError.h"

// An error from libpq or the server, carried as a value so it can cross threads.
// Thrown by PgConnection; delivered as part of an Outcome by PgSession.
class PgError : public Failure {
public:
    enum class Kind {
        Connection, // could not connect, or the connection was lost or given up (no answer in time)
        Query,      // the server rejected a statement
        Cancelled,  // cancelled on request (SQLSTATE 57014 after cancel())
        Timeout,    // statement_timeout or lock_timeout
        // The connection failed while a COMMIT (or a statement that commits by itself) was in
        // flight: it may or may not have taken effect. Not a failure: read back what happened
        // (OutcomeReadBack) before undoing anything.
        UnknownOutcome
    };

    PgError(Kind kind, QString message, QString sqlState = {}, QString detail = {}, QString hint = {});

    Kind kind() const { return m_kind; }
    const QString& sqlState() const { return m_sqlState; }

    // Whether error is a PgError of this kind (an InputError never is).
    static bool is(const Failure& error, Kind kind);
    // This connection failure, as the unknown outcome of what was in flight (e.g. "COMMIT").
    PgError asUnknownOutcome(const QString& inFlight) const;

private:
    Kind m_kind = Kind::Query;
    QString m_sqlState;
};

// Throws error again with its message replaced by message (which usually quotes it): a PgError
// keeps its kind, SQLSTATE, detail and hint; an InputError stays an InputError.
[[noreturn]] void throwReworded(const Failure& error, const QString& message);
