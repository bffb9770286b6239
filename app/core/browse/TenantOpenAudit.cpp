#include "browse/TenantOpenAudit.h"

#include "base/CatalogInput.h"
#include "base/InputError.h"
#include "catalog/CatalogGate.h"
#include "pg/SqlResource.h"

#include <QJsonDocument>
#include <QJsonObject>

QString TenantOpenAudit::reasonProblem(const QString& reason)
{
    if (reason.size() > MaxReasonLength)
        return QStringLiteral("The ticket or reason is longer than %1 characters.").arg(MaxReasonLength);
    const QString problem = CatalogInput::problem(reason);
    return problem.isEmpty() ? QString() : QStringLiteral("The ticket or reason ") + problem + u'.';
}

qint64 TenantOpenAudit::record(PgConnection& catalog, const TenantAccess& access, const QString& reason,
                               const QString& via)
{
    const QString trimmed = reason.trimmed();
    if (const QString problem = reasonProblem(trimmed); !problem.isEmpty())
        throw InputError(problem);
    CatalogGate::require(catalog, CatalogGate::Access::Write);
    const TenantTarget& target = access.target;
    const QJsonObject details{{QStringLiteral("via"), via},
                              {QStringLiteral("support_role"), access.supportParams.value("user")},
                              {QStringLiteral("matched_by"), target.matchedBy},
                              {QStringLiteral("matched"), target.matchedText},
                              {QStringLiteral("model"), toString(target.tenant.model)},
                              {QStringLiteral("shard"), target.tenant.shard.name}};
    const PgResult r = catalog.exec(SqlResource::text("browse/audit_tenant_open.sql"),
                                    {target.tenant.id, target.tenant.slug,
                                     trimmed.isEmpty() ? QVariant() : QVariant(trimmed),
                                     QJsonDocument(details).toJson(QJsonDocument::Compact)});
    return r.toInt(0, 0);
}
