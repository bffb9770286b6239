#include "fleetadmin/FleetAudit.h"

#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QJsonDocument>

void FleetAudit::write(PgConnection& catalog, const QString& action, const QString& reason, const QJsonObject& details)
{
    catalog.exec(SqlResource::text(QStringLiteral("fleetadmin/audit.sql")),
                 {action, reason, QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact))});
}
