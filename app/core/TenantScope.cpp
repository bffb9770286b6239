#include "TenantScope.h"

#include "SqlResource.h"

TenantScope::TenantScope(const TenantTarget& target)
    : m_model(target.tenant.model)
{
    switch (m_model) {
    case IsolationModel::Schema:
        m_schema = target.tenant.schemaName;
        if (m_schema.isEmpty())
            throw PgError::usage(QStringLiteral("The catalog gives schema tenant %1 no schema.").arg(target.tenant.slug));
        break;
    case IsolationModel::Shared:
        m_schema = QString::fromLatin1(SharedSchema);
        m_tenantKey = target.tenant.tenantKey;
        if (m_tenantKey.isEmpty())
            throw PgError::usage(QStringLiteral("The catalog gives shared tenant %1 no tenant key.").arg(target.tenant.slug));
        break;
    case IsolationModel::Database:
        break;
    }
}

bool TenantScope::containsSchema(const QString& schema) const
{
    if (m_model != IsolationModel::Database)
        return schema == m_schema;
    return !schema.startsWith(QLatin1String("pg_")) && schema != QLatin1String("information_schema");
}

void TenantScope::begin(PgConnection& c, bool stableSnapshot) const
{
    const QString begin = stableSnapshot ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                         : QStringLiteral("BEGIN READ ONLY");
    if (m_model == IsolationModel::Schema) {
        c.execScript(begin + QStringLiteral("; SET LOCAL search_path = pg_catalog, ") + c.quoteIdentifier(m_schema));
        return;
    }
    c.execScript(begin + QStringLiteral("; SET LOCAL search_path = pg_catalog"));
    if (m_model == IsolationModel::Shared)
        c.exec(SqlResource::text(QStringLiteral("browse/set_tenant.sql")), {m_tenantKey});
}

void TenantScope::checkRelation(PgConnection& c, quint32 relation, const QString& schema, const QString& name) const
{
    const QString displayName = schema + u'.' + name;
    if (!containsSchema(schema))
        throw PgError::usage(QStringLiteral("%1 does not belong to this tenant.").arg(displayName));
    if (m_model == IsolationModel::Shared) {
        // Held until the transaction ends: ALTER TABLE ... DISABLE ROW LEVEL SECURITY needs an
        // ACCESS EXCLUSIVE lock, so what is checked next stays true for the reads that follow.
        c.execScript(QStringLiteral("LOCK TABLE %1.%2 IN ACCESS SHARE MODE").arg(c.quoteIdentifier(schema), c.quoteIdentifier(name)));
        checkSharedRelation(c, relation, displayName);
    }
}

void TenantScope::checkSharedRelation(PgConnection& c, quint32 relation, const QString& displayName) const
{
    const PgResult r = c.exec(SqlResource::text(QStringLiteral("browse/shared_guard.sql")), {relation});
    if (r.rows() == 0)
        throw PgError::usage(QStringLiteral("%1 no longer exists.").arg(displayName));
    QStringList problems;
    const QString kind = r.text(0, 0);
    if (kind != QLatin1String("r") && kind != QLatin1String("p"))
        problems << QStringLiteral("it is not a table (views and materialized views may run with their owner's "
                                   "rights or hold every tenant's rows)");
    if (!r.toBool(0, 1))
        problems << QStringLiteral("row-level security is not enabled on it");
    if (!r.toBool(0, 2))
        problems << QStringLiteral("row-level security is not forced on it");
    if (r.toBool(0, 3))
        problems << QStringLiteral("the browsing role %1 owns it or is a member of its owner").arg(r.text(0, 8));
    if (r.toBool(0, 4))
        problems << QStringLiteral("the browsing role %1 is a superuser").arg(r.text(0, 8));
    if (r.toBool(0, 5))
        problems << QStringLiteral("the browsing role %1 bypasses row-level security").arg(r.text(0, 8));
    const QString loose = r.text(0, 7);
    if (loose != QLatin1String("{}"))
        problems << QStringLiteral("its policies %1 let rows through without checking app.tenant_id").arg(loose);
    if (!problems.isEmpty())
        throw PgError::usage(QStringLiteral("Rows of %1 are not shown, because other tenants' rows could appear: %2.")
                                 .arg(displayName, problems.join(QStringLiteral("; "))));
}
