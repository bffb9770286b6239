#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// One route of tenantdesk.domains: a host, a host and port, or a host and URL path prefix.
struct CatalogDomain {
    qint64 id = 0;
    QString host;
    int port = 0; // 0: any port
    QString pathPrefix;

    // As tenantdesk.resolve() reports a match: host[:port][path].
    QString route() const { return host + (port > 0 ? u':' + QString::number(port) : QString()) + pathPrefix; }
    // Routes as the catalog's statements read them (jsonb_to_recordset(host, port, path_prefix)):
    // a JSON array of objects, without the port or path prefix a route does not have.
    static QByteArray toJsonRows(const QList<CatalogDomain>& domains);
};
