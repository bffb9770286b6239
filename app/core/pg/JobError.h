#pragma once

#include "base/InputError.h"
#include "pg/PgError.h"

#include <cstdlib>
#include <variant>

// Why a job stopped, kept whole as a value (it crosses threads): what the server or libpq said,
// or input refused before anything was sent.
class JobError {
public:
    JobError(PgError error)
        : m_error(std::move(error))
    {
    }
    JobError(InputError error)
        : m_error(std::move(error))
    {
    }

    const Failure& failure() const
    {
        return std::visit([](const Failure& f) -> const Failure& { return f; }, m_error);
    }
    // For a message box, the status bar or stderr (see Failure::text()).
    QString text() const { return failure().text(); }
    QString line() const { return failure().line(); }
    const QString& message() const { return failure().message(); }
    // The server's or libpq's error; null when the input was refused.
    const PgError* pgError() const { return std::get_if<PgError>(&m_error); }
    bool is(PgError::Kind kind) const { return PgError::is(failure(), kind); }
    // Throws the error as what it is (PgError or InputError), for blocking callers.
    [[noreturn]] void rethrow() const
    {
        std::visit([](const auto& e) { throw e; }, m_error);
        std::abort(); // not reached: the visitor throws
    }

private:
    std::variant<PgError, InputError> m_error;
};
