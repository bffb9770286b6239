#pragma once

#include <atomic>
#include <memory>

// The "queued" half of the one cancel path: a flag shared by whoever asks for a cancel and the
// jobs that have not started yet (or loops between steps), safe from any thread. What is already
// on the wire is interrupted by PgConnection::cancel() (PQcancel) instead.
// Copies share the flag; a default-constructed token is fresh, never cancelled.
class CancelToken {
public:
    CancelToken()
        : m_flag(std::make_shared<std::atomic_bool>(false))
    {
    }
    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }
    explicit operator bool() const { return isCancelled(); }

private:
    std::shared_ptr<std::atomic_bool> m_flag;
};
