#pragma once

#include "catalog/EndpointInfo.h"

#include <QString>

#include <optional>

// Where a support session reads a tenant from: the endpoint, the replica's lag when it was last
// measured, and why the primary was chosen when it was. Shown in every grid's status line.
struct BrowseRoute {
    EndpointInfo endpoint;
    std::optional<double> lagSeconds; // replicas only
    QString note;                     // why not a replica, e.g. "replica 127.0.0.1:5433 is 12.0 s behind (limit 5 s)"

    QString address() const { return endpoint.host + u':' + QString::number(endpoint.port); }
    // "replica 127.0.0.1:5433, lag 0.2 s" or "primary 127.0.0.1:5432"
    QString text() const
    {
        QString t = endpoint.roleName() + u' ' + address();
        if (lagSeconds)
            t += QStringLiteral(", lag %1 s").arg(*lagSeconds, 0, 'f', 1);
        return t;
    }
};
