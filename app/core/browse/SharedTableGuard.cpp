#include "browse/SharedTableGuard.h"

#include "pg/SqlResource.h"

#include <QUuid>

SharedTableGuard::Findings SharedTableGuard::check(PgConnection& c, const RelationRef& table)
{
    const PgResult r = c.exec(SqlResource::text(QStringLiteral("browse/shared_guard.sql")),
                              {table.oid, QString::fromLatin1(TenantColumn)});
    if (r.rows() == 0)
        return {{QStringLiteral("it no longer exists")}, {}};
    const QString kind = r.text(0, 0);
    if (kind != QLatin1String("r") && kind != QLatin1String("p"))
        return {{QStringLiteral("it is not a table (views and materialized views may run with their owner's "
                                "rights or hold every tenant's rows)")},
                {}};
    // LOCK needs a privilege on the table; without one nothing is read anyway.
    if (!r.toBool(0, 9))
        return {{QStringLiteral("the browsing role %1 may not read it").arg(r.text(0, 8))}, {}};
    c.execScript(QStringLiteral("LOCK TABLE ") + c.quoteIdentifier(table.schema) + u'.' +
                 c.quoteIdentifier(table.name) + QStringLiteral(" IN ACCESS SHARE MODE"));
    QStringList problems;
    if (!r.toBool(0, 1))
        problems << QStringLiteral("row-level security is not enabled on it");
    if (!r.toBool(0, 2))
        problems << QStringLiteral("row-level security is not forced on it");
    if (r.toBool(0, 3))
        problems
            << QStringLiteral("the browsing role %1 owns it or is a member of its owner").arg(r.text(0, 8));
    if (r.toBool(0, 4))
        problems << QStringLiteral("the browsing role %1 is a superuser").arg(r.text(0, 8));
    if (r.toBool(0, 5))
        problems << QStringLiteral("the browsing role %1 bypasses row-level security").arg(r.text(0, 8));
    if (!r.toBool(0, 6))
        problems << QStringLiteral("it has no %1 column to tell the tenants' rows apart")
                        .arg(QLatin1String(TenantColumn));
    return {problems, r.text(0, 7)};
}

QString SharedTableGuard::probe(PgConnection& c, const RelationRef& table, const Findings& findings)
{
    const QString relation = c.quoteIdentifier(table.schema) + u'.' + c.quoteIdentifier(table.name);
    // Rolled back to this savepoint, the transaction's own tenant key is in force again.
    c.execScript(QStringLiteral("SAVEPOINT tenantdesk_probe"));
    QString seen;
    if (showsRows(c, relation, QUuid::createUuid().toString(QUuid::WithoutBraces)))
        seen = QStringLiteral("a tenant key that does not exist");
    else if (showsRows(c, relation, QStringLiteral("")))
        seen = QStringLiteral("an empty tenant key");
    c.execScript(
        QStringLiteral("ROLLBACK TO SAVEPOINT tenantdesk_probe; RELEASE SAVEPOINT tenantdesk_probe"));
    if (seen.isEmpty())
        return {};
    return QStringLiteral(
               "its row-level security policies %1 show rows to %2, so they do not confine it to one tenant")
        .arg(findings.policies, seen);
}

bool SharedTableGuard::showsRows(PgConnection& c, const QString& relation, const QString& tenantKey)
{
    c.exec(SqlResource::text(QStringLiteral("browse/set_tenant.sql")), {tenantKey});
    return c.exec(QStringLiteral("SELECT EXISTS (SELECT FROM ") + relation + u')').toBool(0, 0);
}
