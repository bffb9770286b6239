#pragma once

#include <QJsonObject>
#include <QString>

class PgConnection;

// The audit_log row of a change to the fleet's shape (action 'shard.add', 'shard.prepare', ...),
// written in the caller's transaction so that a change never lands without it.
namespace FleetAudit {
void write(PgConnection& catalog, const QString& action, const QString& reason, const QJsonObject& details);
}
