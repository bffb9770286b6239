#pragma once

#include "catalog/EndpointInfo.h"
#include "metrics/MetricTenant.h"

#include <QList>
#include <QString>

// One endpoint to sample, with what the catalog says about its shard.
struct MetricTarget {
    EndpointInfo endpoint;
    QString shardName;
    QString tenantDatabase;      // the sampler connects here: schema tenants' tables are in it
    int expectedReplicas = 0;    // replicas the catalog lists for the shard
    QList<MetricTenant> tenants; // the shard's tenants; implicitly shared by its endpoints
    // Behind a transaction-pooling PgBouncer (endpoints.pooling = 'transaction', catalog v5):
    // sampled without startup options and without named statements.
    bool pooled = false;

    // Whether sampling other at this one's place needs a new connection.
    bool sameConnection(const MetricTarget& other) const
    {
        return endpoint.host == other.endpoint.host && endpoint.port == other.endpoint.port
               && tenantDatabase == other.tenantDatabase && pooled == other.pooled;
    }

    // "shard-1 primary", "shard-1 replica 127.0.0.1:5433"
    QString label() const
    {
        if (endpoint.isPrimary())
            return shardName + QLatin1String(" primary");
        return shardName + QLatin1String(" replica ") + address();
    }
    QString address() const { return endpoint.host + u':' + QString::number(endpoint.port); }
};
