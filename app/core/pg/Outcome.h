#pragma once

#include "pg/JobError.h"

#include <optional>

// The result of a job run in the background (SerialWorker, ParallelRunner, PgSession): a value,
// or the error that stopped it.
template <typename T>
struct Outcome {
    std::optional<T> value;
    std::optional<JobError> error;
    bool ok() const { return !error.has_value(); }
};
template <>
struct Outcome<void> {
    std::optional<JobError> error;
    bool ok() const { return !error.has_value(); }
};

namespace outcome_detail {

// Runs job, catching what it throws into the outcome (anything but a PgError or an InputError as
// a Query error carrying what()).
template <typename T, typename Job>
Outcome<T> capture(Job& job)
{
    Outcome<T> outcome;
    try {
        if constexpr (std::is_void_v<T>)
            job();
        else
            outcome.value.emplace(job());
    } catch (const PgError& e) {
        outcome.error = e;
    } catch (const InputError& e) {
        outcome.error = e;
    } catch (const std::exception& e) {
        outcome.error = PgError(PgError::Kind::Query, QString::fromUtf8(e.what()));
    }
    return outcome;
}

} // namespace outcome_detail
