#pragma once

#include <QString>

// One route of tenantdesk.domains: a host, a host and port, or a host and URL path prefix.
struct CatalogDomain {
    qint64 id = 0;
    QString host;
    int port = 0;  // 0: any port
    QString pathPrefix;

    // As tenantdesk.resolve() reports a match: host[:port][path].
    QString route() const
    {
        return host + (port > 0 ? u':' + QString::number(port) : QString()) + pathPrefix;
    }
};
