#include "browse/SupportRoleCheck.h"

#include "base/InputError.h"
#include "pg/PinnedRead.h"
#include "pg/SqlResource.h"

void SupportRoleCheck::require(PgConnection& c, const TenantTarget& target)
{
    const TenantDetails& tenant = target.tenant;
    const PgResult r = PinnedRead::exec(
        c, SqlResource::text("browse/support_role.sql"),
        {tenant.model == IsolationModel::Schema ? QVariant(tenant.schemaName) : QVariant()});
    const QString role = u'"' + r.text(0, 0) + u'"';
    QString why;
    if (r.toBool(0, 1))
        why = QStringLiteral("The role %1 is a superuser").arg(role);
    else if (r.toBool(0, 2))
        why = QStringLiteral("The role %1 has BYPASSRLS: it reads past the row-level security that keeps tenants "
                             "apart")
                  .arg(role);
    else if (!r.isNull(0, 3))
        why = QStringLiteral("The role %1 owns or may change %2 of tenant %3").arg(role, r.text(0, 3), tenant.slug);
    if (!why.isEmpty())
        throw InputError(why
                         + QStringLiteral(": support browses as a role that can only read (the "
                                          "fleet's support role). Nothing was read."));
}
