#include "catalog/CatalogDomain.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QByteArray CatalogDomain::toJsonRows(const QList<CatalogDomain>& domains)
{
    QJsonArray rows;
    for (const CatalogDomain& d : domains) {
        QJsonObject row{{QLatin1String("host"), d.host}};
        if (d.port)
            row.insert(QLatin1String("port"), d.port);
        if (!d.pathPrefix.isEmpty())
            row.insert(QLatin1String("path_prefix"), d.pathPrefix);
        rows.append(row);
    }
    return QJsonDocument(rows).toJson(QJsonDocument::Compact);
}
