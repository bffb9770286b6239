#include "browse/TenantReader.h"

#include "browse/ReplicaRouter.h"

TenantReader::TenantReader(TenantAccess access)
    : m_access(std::move(access))
    , m_scope(m_access.target)
{
}

void TenantReader::connect(PgConnection& c)
{
    m_route = ReplicaRouter::connect(c, m_access);
    m_sinceLagCheck.start();
}

bool TenantReader::isRecoveryConflict(const PgError& error)
{
    if (!error.message().contains(QLatin1String("conflict with recovery")))
        return false;
    return error.sqlState() == QLatin1String("40001") || error.sqlState() == QLatin1String("40P01")
           || error.kind() == PgError::Kind::Connection;
}

void TenantReader::leaveReplica(PgConnection& c, const QString& why)
{
    m_route = ReplicaRouter::connectPrimary(c, m_access, why);
    m_sinceLagCheck.start();
}

void TenantReader::recheckLag(PgConnection& c)
{
    if (!c.isOpen()) {
        connect(c);
        return;
    }
    if (m_route.endpoint.isPrimary() || m_sinceLagCheck.elapsed() < LagRecheckMs)
        return;
    m_sinceLagCheck.start();
    m_route.lagSeconds = ReplicaRouter::lag(c);
    const double limit = ReplicaRouter::lagLimit(m_access, m_route.endpoint);
    if (!m_route.lagSeconds || *m_route.lagSeconds > limit)
        leaveReplica(c, QStringLiteral("replica %1 fell %2 s behind (limit %3 s)")
                            .arg(m_route.address(),
                                 m_route.lagSeconds ? QString::number(*m_route.lagSeconds, 'f', 1)
                                                    : QStringLiteral("an unknown number of"),
                                 QString::number(limit)));
}
