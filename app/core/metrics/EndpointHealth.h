#pragma once

#include "metrics/HealthState.h"
#include "metrics/MetricSample.h"
#include "metrics/MetricTarget.h"

#include <QString>

// Whether an endpoint is fine, needs a look, or is down, and why, from its latest sample and what
// the catalog says it should be. The rule set is deliberately short: each warning names
// something an admin acts on.
class EndpointHealth {
public:
    // A transaction open longer than this holds back vacuum on the whole server.
    static constexpr double longTransactionSeconds = 300;

    EndpointHealth() = default;
    static EndpointHealth of(const MetricTarget& target, const MetricSample& sample);
    static EndpointHealth down(QString error);

    HealthState state() const { return m_state; }
    // Why it is not ok ("replay lag 12.0 s, more than 5 s"), empty when it is.
    const QString& reason() const { return m_reason; }
    static QString stateName(HealthState state); // "ok", "warning", "down", "unknown"

    bool operator==(const EndpointHealth&) const = default;

private:
    EndpointHealth(HealthState state, QString reason)
        : m_state(state)
        , m_reason(std::move(reason))
    {
    }

    HealthState m_state = HealthState::Unknown;
    QString m_reason;
};
