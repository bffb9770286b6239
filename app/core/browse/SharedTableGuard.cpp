#include "browse/SharedTableGuard.h"

#include "pg/Ddl.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"

#include <QUuid>

SharedTableGuard::Findings SharedTableGuard::check(PgConnection& c, const RelationRef& table)
{
    const PgResult r = c.exec(SqlResource::text("browse/shared_guard.sql"),
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
    c.execScript(Ddl(c).lockForReading(table.schema, table.name));
    QStringList problems;
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
    if (!r.toBool(0, 6))
        problems
            << QStringLiteral("it has no %1 column to tell the tenants' rows apart").arg(QLatin1String(TenantColumn));
    return {problems, r.text(0, 7)};
}

QString SharedTableGuard::probe(PgConnection& c, const RelationRef& table, const Findings& findings)
{
    const QString relation = Ddl(c).qualified(table.schema, table.name);
    // Rolled back afterwards, the transaction's own tenant key is in force again.
    const QString seen = c.rolledBack([&] {
        if (showsRows(c, relation, QUuid::createUuid().toString(QUuid::WithoutBraces)))
            return QStringLiteral("a tenant key that does not exist");
        if (showsRows(c, relation, QStringLiteral("")))
            return QStringLiteral("an empty tenant key");
        return QString();
    });
    if (seen.isEmpty())
        return {};
    return QStringLiteral("its row-level security policies %1 show rows to %2, so they do not confine it to one tenant")
        .arg(findings.policies, seen);
}

bool SharedTableGuard::showsRows(PgConnection& c, const QString& relation, const QString& tenantKey)
{
    LocalSettings::setTenant(c, tenantKey);
    return c.exec(QStringLiteral("SELECT EXISTS (SELECT FROM ") + relation + u')').toBool(0, 0);
}
