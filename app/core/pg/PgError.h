#pragma once

#include <QString>

#include <exception>

// An error from libpq or the server, carried as a value so it can cross threads.
// Thrown by PgConnection; delivered as part of an Outcome by PgSession.
class PgError : public std::exception {
public:
    enum class Kind {
        Connection, // could not connect, or the connection was lost or given up (no answer in time)
        Query,      // the server rejected a statement
        Cancelled,  // cancelled on request (SQLSTATE 57014 after cancel())
        Timeout,    // statement_timeout or lock_timeout
        Usage,      // bad input caught before anything was sent
        // The connection failed while a COMMIT (or a statement that commits by itself) was in
        // flight: it may or may not have taken effect. Not a failure: read back what happened
        // (OutcomeReadBack) before undoing anything.
        UnknownOutcome
    };

    PgError() = default;
    PgError(Kind kind, QString message, QString sqlState = {}, QString detail = {}, QString hint = {});

    Kind kind() const { return m_kind; }
    const QString& message() const { return m_message; }
    const QString& sqlState() const { return m_sqlState; }
    const QString& detail() const { return m_detail; }
    const QString& hint() const { return m_hint; }

    // Message, detail and hint on separate lines, for a dialog or a terminal.
    QString fullText() const;
    const char* what() const noexcept override;

    static PgError usage(QString message) { return PgError(Kind::Usage, std::move(message)); }
    // This connection failure, as the unknown outcome of what was in flight (e.g. "COMMIT").
    PgError asUnknownOutcome(const QString& inFlight) const;

private:
    Kind m_kind = Kind::Query;
    QString m_message;
    QString m_sqlState;
    QString m_detail;
    QString m_hint;
    QByteArray m_what;
};
