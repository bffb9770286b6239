#include "fleetadmin/ShardPreparer.h"
#include "base/InputError.h"

#include "fleetadmin/FleetAudit.h"
#include "fleetadmin/FleetShard.h"
#include "fleetadmin/ShardChecker.h"
#include "pg/PgConnection.h"

#include <QJsonArray>
#include <QJsonObject>

#include <map>
#include <memory>

namespace {

// A GRANT by a role that may not grant succeeds with only a warning (SQLSTATE 01007: "no
// privileges were granted for ...", or "not all privileges were granted"): not applied.
QString notGranted(const QList<PgNotice>& notices)
{
    QStringList warnings;
    for (const PgNotice& notice : notices) {
        if (notice.sqlState == QLatin1String("01007"))
            warnings << notice.message;
    }
    return warnings.isEmpty()
               ? QString()
               : QStringLiteral("The server granted nothing: %1.").arg(warnings.join(QLatin1String("; ")));
}

} // namespace

QList<PrepareStep> ShardPreparer::plan(const ShardCheckReport& report)
{
    QList<PrepareStep> steps;
    QStringList seen;
    for (const ShardCheckItem& item : report.items) {
        if (item.ok || item.fixSql.isEmpty() || seen.contains(item.fixSql))
            continue;
        seen.append(item.fixSql);
        steps.append({item.what, item.fixSql, item.fixDatabase, item.runBy, PrepareStep::Result::Planned, {}});
    }
    return steps;
}

QList<PrepareStep> ShardPreparer::apply(PgConnection& catalog, const FleetShard& shard, const FleetRoles& roles,
                                        QList<PrepareStep> steps, const QString& reason) const
{
    if (steps.isEmpty())
        return steps;
    const FleetEndpoint* primary = shard.primary();
    if (!primary)
        throw InputError(QStringLiteral("Shard %1 has no primary to prepare.").arg(shard.spec.name));
    std::map<QString, std::unique_ptr<PgConnection>> connections; // by database
    QJsonArray applied;
    QJsonArray refused;
    for (PrepareStep& step : steps) {
        try {
            std::unique_ptr<PgConnection>& connection = connections[step.database];
            if (!connection) {
                connection = std::make_unique<PgConnection>();
                connection->open(m_checker.loginParams(*primary, step.database, roles.admin));
            }
            // Its own transaction: CREATE DATABASE, a statement alone, needs that.
            connection->execScript(step.sql);
            step.error = notGranted(connection->notices());
            step.result = step.error.isEmpty() ? PrepareStep::Result::Applied : PrepareStep::Result::Refused;
        } catch (const PgError& e) {
            if (e.kind() == PgError::Kind::UnknownOutcome)
                throw; // what happened is unknown: a new check will tell
            step.result = PrepareStep::Result::Refused;
            step.error = e.message().trimmed();
        }
        if (step.result == PrepareStep::Result::Applied) {
            applied.append(step.sql);
            continue;
        }
        if (!step.runBy.isEmpty())
            step.error += QStringLiteral(" It must be run by %1.").arg(step.runBy);
        refused.append(QJsonObject{{QStringLiteral("sql"), step.sql}, {QStringLiteral("error"), step.error}});
    }
    if (!applied.isEmpty()) {
        catalog.transaction([&] {
            FleetAudit::write(catalog, QStringLiteral("shard.prepare"), reason,
                              {{QStringLiteral("shard"), shard.spec.name},
                               {QStringLiteral("endpoint"), primary->label()},
                               {QStringLiteral("applied"), applied},
                               {QStringLiteral("refused"), refused}});
        });
    }
    return steps;
}
