#pragma once

#include "pg/ConnectionParams.h"

#include <QString>

// One row of tenantdesk.endpoints: how to reach a shard's primary or one of its replicas.
// The catalog holds no secrets; clients bring their own user, passfile and TLS settings.
struct EndpointInfo {
    enum class Role { Primary, Replica };

    int id = 0;
    int shardId = 0;
    Role role = Role::Primary;
    QString host;
    int port = 5432;
    double maxLagSeconds = 0;        // replicas further behind than this are not used for reads
    Pooling pooling = Pooling::None; // a transaction-pooling PgBouncer: no session state there

    bool isPrimary() const { return role == Role::Primary; }
    QString roleName() const { return isPrimary() ? QStringLiteral("primary") : QStringLiteral("replica"); }
};
