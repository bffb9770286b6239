#include "fleetadmin/FleetShard.h"

QString FleetEndpoint::label() const
{
    return QStringLiteral("%1 %2:%3").arg(spec.role, spec.host).arg(spec.port);
}

const FleetEndpoint* FleetShard::primary() const
{
    for (const FleetEndpoint& endpoint : endpoints) {
        if (endpoint.isPrimary())
            return &endpoint;
    }
    return nullptr;
}

const FleetEndpoint* FleetShard::endpointAt(const QString& host, int port) const
{
    for (const FleetEndpoint& endpoint : endpoints) {
        if (endpoint.spec.host == host && endpoint.spec.port == port)
            return &endpoint;
    }
    return nullptr;
}
