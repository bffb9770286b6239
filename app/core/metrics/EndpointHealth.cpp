#include "metrics/EndpointHealth.h"

#include "base/EnumNames.h"

#include <QCoreApplication>
#include <QStringList>

EndpointHealth EndpointHealth::of(const MetricTarget& target, const MetricSample& sample)
{
    if (!sample.up)
        return down(sample.error);
    auto tr = [](const char* text) { return QCoreApplication::translate("EndpointHealth", text); };
    QStringList warnings;
    const bool primary = target.endpoint.isPrimary();
    if (primary && sample.inRecovery)
        warnings << tr("the catalog lists a primary, the server is a replica");
    if (!primary && !sample.inRecovery)
        warnings << tr("the catalog lists a replica, the server is not in recovery (promoted?)");
    if (!primary && sample.lagSeconds > target.endpoint.maxLagSeconds)
        warnings << tr("replay lag %1 s, more than %2 s")
                        .arg(sample.lagSeconds, 0, 'f', 1)
                        .arg(target.endpoint.maxLagSeconds);
    if (primary && !sample.inRecovery && sample.streamingReplicas < target.expectedReplicas)
        warnings << tr("%1 of %2 replicas streaming").arg(sample.streamingReplicas).arg(target.expectedReplicas);
    if (sample.oldestXactSeconds > longTransactionSeconds)
        warnings << tr("a transaction has been open for %1 min").arg(int(sample.oldestXactSeconds / 60));
    if (sample.hasRates && sample.deadlocks > 0)
        warnings << QCoreApplication::translate("EndpointHealth", "%n deadlock(s)", nullptr, int(sample.deadlocks));
    if (warnings.isEmpty())
        return EndpointHealth(HealthState::Ok, {});
    return EndpointHealth(HealthState::Warning, warnings.join(QLatin1String("; ")));
}

EndpointHealth EndpointHealth::down(QString error)
{
    return EndpointHealth(HealthState::Down, std::move(error));
}

QString EndpointHealth::stateName(HealthState state)
{
    static constexpr EnumNames<HealthState, HealthState::Down> names{"unknown", "ok", "warning", "down"};
    return names(state);
}
