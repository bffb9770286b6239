#include "browse/TenantScope.h"

#include "base/InputError.h"
#include "browse/SharedTableGuard.h"
#include "pg/Ddl.h"
#include "pg/LocalSettings.h"

TenantScope::TenantScope(const TenantTarget& target)
    : m_model(target.tenant.model)
{
    switch (m_model) {
    case IsolationModel::Schema:
        m_schema = target.tenant.schemaName;
        if (m_schema.isEmpty())
            throw InputError(QStringLiteral("The catalog gives schema tenant %1 no schema.").arg(target.tenant.slug));
        break;
    case IsolationModel::Shared:
        m_schema = QString::fromLatin1(SharedSchema);
        m_tenantKey = target.tenant.tenantKey;
        if (m_tenantKey.isEmpty())
            throw InputError(
                QStringLiteral("The catalog gives shared tenant %1 no tenant key.").arg(target.tenant.slug));
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
    // No JIT: these are interactive reads, and the planner's guess for RelationReach's catalog
    // walk (a recursive query) is high enough to make it compile for 200-400 ms.
    const QString begin = (stableSnapshot || m_model == IsolationModel::Shared
                               ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                               : QStringLiteral("BEGIN READ ONLY"))
                          + QStringLiteral("; SET LOCAL jit = off; ");
    if (m_model == IsolationModel::Schema) {
        c.execScript(begin + LocalSettings::searchPath(c, {QStringLiteral("pg_catalog"), m_schema}));
        return;
    }
    c.execScript(begin + LocalSettings::pinSearchPath());
    if (m_model == IsolationModel::Shared)
        LocalSettings::setTenant(c, m_tenantKey);
}

void TenantScope::checkRelation(PgConnection& c, quint32 relation, const QString& schema, const QString& name) const
{
    // Held to the end of the read: what is checked cannot be replaced (CREATE OR REPLACE VIEW, a
    // new policy) before the rows are read. A view locks what it reads as well. Shared tables are
    // locked by their guard.
    if (m_model != IsolationModel::Shared)
        c.execScript(Ddl(c).lockForReading(schema, name));
    const QHash<quint32, QString> refused = refusals(c, {RelationRef{relation, schema, name}});
    if (!refused.isEmpty())
        throw InputError(refused.constBegin().value());
}

QHash<quint32, QString> TenantScope::refusals(PgConnection& c, const QList<RelationRef>& relations) const
{
    QHash<quint32, QString> refused;
    QList<RelationRef> inScope;
    QList<quint32> oids;
    for (const RelationRef& r : relations) {
        if (containsSchema(r.schema)) {
            inScope << r;
            oids << r.oid;
        } else {
            refused.insert(r.oid, QStringLiteral("%1 does not belong to this tenant.").arg(r.displayName()));
        }
    }
    const bool shared = m_model == IsolationModel::Shared;
    // Shared tables are locked (check) before their policies are read (RelationReach).
    QHash<quint32, SharedTableGuard::Findings> guarded;
    if (shared) {
        for (const RelationRef& r : inScope)
            guarded.insert(r.oid, SharedTableGuard::check(c, r));
    }
    QHash<quint32, QStringList> problems = RelationReach::problems(
        c, oids, [this](const QString& schema) { return containsSchema(schema); });
    for (const RelationRef& r : inScope) {
        QStringList& found = problems[r.oid];
        if (shared) {
            found = guarded.value(r.oid).problems + found;
            // Only a table whose policies run nothing untoward is probed: the probe reads it.
            if (found.isEmpty()) {
                const QString seen = SharedTableGuard::probe(c, r, guarded.value(r.oid));
                if (!seen.isEmpty())
                    found << seen;
            }
        }
        if (!found.isEmpty())
            refused.insert(
                r.oid,
                QStringLiteral("Rows of %1 are not shown: %2.").arg(r.displayName(), found.join(QStringLiteral("; "))));
    }
    return refused;
}

QList<FilterCondition> TenantScope::rowFilters(const BrowseTable& table) const
{
    if (m_model != IsolationModel::Shared)
        return {};
    const int column = table.columnIndex(QString::fromLatin1(SharedTableGuard::TenantColumn));
    if (column < 0)
        throw InputError(QStringLiteral("Rows of %1 are not shown: it has no %2 column.")
                             .arg(table.displayName(), QLatin1String(SharedTableGuard::TenantColumn)));
    return {FilterCondition{column, FilterOperator::Equal, m_tenantKey}};
}
