#pragma once

#include <QtGlobal>

#include <atomic>
#include <memory>

// The staleness helper: answers "is this reply still wanted?" for work started before a newer
// request, a reset or a close. next() starts a generation and hands out its ticket; a ticket is
// current until the next next() or invalidate(). Tickets are cheap to copy, safe to check from
// any thread (a job on a worker may skip work that went stale) and stay valid after the
// Generation is gone (then they are stale).
//
//   const Generation::Ticket ticket = m_loads.next();
//   session->run<T>(job, this, [this, ticket](Outcome<T> r) { if (!ticket.isCurrent()) return; ... });
class Generation {
public:
    class Ticket {
    public:
        bool isCurrent() const { return m_counter && m_counter->load() == m_value; }
        quint64 value() const { return m_value; }

    private:
        friend class Generation;
        Ticket(std::shared_ptr<std::atomic<quint64>> counter, quint64 value)
            : m_counter(std::move(counter))
            , m_value(value)
        {
        }
        std::shared_ptr<std::atomic<quint64>> m_counter;
        quint64 m_value;
    };

    Generation()
        : m_counter(std::make_shared<std::atomic<quint64>>(0))
    {
    }
    ~Generation() { invalidate(); }
    Generation(const Generation&) = delete;
    Generation& operator=(const Generation&) = delete;

    // Starts a new generation: every ticket handed out before goes stale.
    Ticket next() { return Ticket(m_counter, ++*m_counter); }
    // The ticket of the generation in progress (for more work belonging to it).
    Ticket current() const { return Ticket(m_counter, m_counter->load()); }
    // Makes every ticket handed out so far stale.
    void invalidate() { ++*m_counter; }

private:
    std::shared_ptr<std::atomic<quint64>> m_counter;
};
