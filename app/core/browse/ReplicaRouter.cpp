#include "browse/ReplicaRouter.h"

#include "base/InputError.h"
#include "browse/SupportRoleCheck.h"
#include "pg/PinnedRead.h"
#include "pg/SqlResource.h"

ConnectionParams ReplicaRouter::paramsFor(const TenantAccess& access, const EndpointInfo& endpoint)
{
    ConnectionParams p = access.supportParams.withEndpoint(endpoint.host, endpoint.port, access.target.database(),
                                                           endpoint.pooling);
    const QString readOnly = QStringLiteral("-c default_transaction_read_only=on");
    const QString options = p.value("options");
    p.set("options", options.isEmpty() ? readOnly : options + u' ' + readOnly);
    return p.withSafeDefaults(StatementTimeoutMs);
}

double ReplicaRouter::lagLimit(const TenantAccess& access, const EndpointInfo& endpoint)
{
    return access.maxLagSeconds.value_or(endpoint.maxLagSeconds);
}

std::optional<double> ReplicaRouter::lag(PgConnection& c)
{
    const PgResult r = PinnedRead::exec(c, SqlResource::text("browse/replica_lag.sql"));
    if (r.isNull(0, 1))
        return std::nullopt;
    return r.toDouble(0, 1);
}

BrowseRoute ReplicaRouter::connectPrimary(PgConnection& c, const TenantAccess& access, const QString& note)
{
    const EndpointInfo* primary = access.target.primary();
    if (!primary)
        throw InputError(
            QStringLiteral("The catalog lists no primary endpoint for shard %1.").arg(access.target.tenant.shard.name));
    c.open(paramsFor(access, *primary));
    SupportRoleCheck::require(c, access.target);
    return BrowseRoute{*primary, std::nullopt, note};
}

BrowseRoute ReplicaRouter::connect(PgConnection& c, const TenantAccess& access)
{
    QStringList notes;
    for (const EndpointInfo& replica : access.target.replicas()) {
        const QString address = replica.host + u':' + QString::number(replica.port);
        const double limit = lagLimit(access, replica);
        std::optional<BrowseRoute> route;
        try {
            c.open(paramsFor(access, replica));
            const std::optional<double> seconds = lag(c);
            if (seconds && *seconds <= limit)
                route = BrowseRoute{replica, seconds, {}};
            else
                notes << (seconds ? QStringLiteral("replica %1 is %2 s behind (limit %3 s)")
                                        .arg(address, QString::number(*seconds, 'f', 1), QString::number(limit))
                                  : QStringLiteral("replica %1 has not replayed anything yet").arg(address));
        } catch (const PgError& e) {
            notes << QStringLiteral("replica %1 is unreachable: %2").arg(address, e.message());
        }
        if (route) {
            // Outside the try: a role that may not browse is refused, not a reason to try the primary.
            SupportRoleCheck::require(c, access.target);
            return *route;
        }
        c.close();
    }
    return connectPrimary(c, access, notes.join(QStringLiteral("; ")));
}
