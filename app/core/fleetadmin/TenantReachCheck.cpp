#include "fleetadmin/TenantReachCheck.h"

#include "fleetadmin/ShardChecker.h"
#include "pg/Ddl.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <map>

namespace {

QByteArray jsonArray(const QStringList& names)
{
    return QJsonDocument(QJsonArray::fromStringList(names)).toJson(QJsonDocument::Compact);
}

// "a, b, c and 4 more"
QString someOf(const QStringList& names, int shown = 3)
{
    if (names.size() <= shown)
        return names.join(QLatin1String(", "));
    return QStringLiteral("%1 and %2 more")
        .arg(names.mid(0, shown).join(QLatin1String(", ")))
        .arg(names.size() - shown);
}

} // namespace

ShardTenantObjects ShardTenantObjects::load(PgConnection& catalog, int shardId)
{
    ShardTenantObjects objects;
    const PgResult r = catalog.exec(SqlResource::text(QStringLiteral("fleetadmin/shard_tenant_objects.sql")),
                                    {shardId});
    for (int row = 0; row < r.rows(); ++row)
        (r.text(row, 0) == QLatin1String("schema") ? objects.schemas : objects.databases).append(r.text(row, 1));
    return objects;
}

QList<ShardCheckItem> TenantReachCheck::supportReach(PgConnection& admin, const FleetShard& shard,
                                                     const ShardTenantObjects& tenants)
{
    m_items.clear();
    if (admin.database() == shard.spec.tenantDatabase && !tenants.schemas.isEmpty())
        checkSchemas(admin, tenants.schemas, QStringLiteral("the tenant schemas"), {});
    for (const QString& database : tenants.databases)
        checkDatabase(admin, database);
    return m_items;
}

QList<ShardCheckItem> TenantReachCheck::owners(PgConnection& admin, const ShardTenantObjects& tenants)
{
    m_items.clear();
    m_actsFor.clear();
    const PgResult r = admin.exec(SqlResource::text(QStringLiteral("fleetadmin/object_owners.sql")),
                                  {m_roles.admin, m_roles.owner, jsonArray(tenants.databases)});
    for (int row = 0; row < r.rows(); ++row) {
        const QString role = r.text(row, 0);
        const bool acts = r.toBool(row, 1);
        m_actsFor.insert(role, acts);
        ShardCheckItem item;
        item.endpoint = m_primary.label();
        item.what = QStringLiteral("%1 (admin) acts for %2, which owns %3 object(s) here: %4 (adopt reads them, "
                                   "suspension revokes on them, a template import reads them)")
                        .arg(m_roles.admin, role, r.text(row, 2), r.text(row, 3));
        item.ok = acts;
        if (!acts) {
            const QString sql = QStringLiteral("GRANT %1 TO %2;")
                                    .arg(admin.quoteIdentifier(role), admin.quoteIdentifier(m_roles.admin));
            item.detail = QStringLiteral("%1 is not a member of %2").arg(m_roles.admin, role);
            item.runBy = QStringLiteral("a superuser or a role with ADMIN OPTION on %1").arg(role);
            item.fix = QStringLiteral("As %1: %2").arg(item.runBy, sql);
            item.fixSql = sql;
            item.fixDatabase = admin.database();
        }
        m_items.append(item);
    }
    return m_items;
}

void TenantReachCheck::checkDatabase(PgConnection& admin, const QString& database)
{
    const QString support = m_roles.support;
    const PgResult owner = admin.exec(SqlResource::text(QStringLiteral("fleetadmin/database_owner.sql")), {database});
    if (owner.rows() == 0)
        return; // a missing tenant is reconcile's to report
    QStringList leading;
    const PgResult connect = admin.exec(QStringLiteral("SELECT pg_catalog.has_database_privilege(r.oid, $2, 'CONNECT') "
                                                       "FROM pg_catalog.pg_roles r WHERE r.rolname = $1"),
                                        {support, database});
    if (connect.rows() == 0)
        return; // no support role: its own check says so
    if (!connect.toBool(0, 0))
        leading << Ddl(admin).grant("CONNECT", Ddl::On::Database, database, support);
    PgConnection tenant;
    try {
        tenant.open(m_checker.loginParams(m_primary, database, m_roles.admin));
        tenant.setReplyTimeout(ShardChecker::EndpointTimeoutSeconds * 1000);
    } catch (const PgError& e) {
        ShardCheckItem item;
        item.endpoint = m_primary.label();
        item.what = QStringLiteral("%1 (admin) enters the database tenant %2").arg(m_roles.admin, database);
        item.detail = e.message().trimmed();
        item.runBy = QStringLiteral("%1 (the owner of database %2) or a superuser").arg(owner.text(0, 0), database);
        item.fix = QStringLiteral("As %1: %2;")
                       .arg(item.runBy, Ddl(admin).grant("CONNECT", Ddl::On::Database, database, m_roles.admin));
        m_items.append(item);
        return;
    }
    m_actsFor.insert(owner.text(0, 0), owner.toBool(0, 1));
    checkSchemas(tenant, {}, QStringLiteral("the database tenant %1").arg(database), leading);
}

void TenantReachCheck::checkSchemas(PgConnection& c, const QStringList& schemas, const QString& label,
                                    const QStringList& leading)
{
    const Ddl ddl(c);
    const QString& support = m_roles.support;
    const PgResult r = c.exec(SqlResource::text(QStringLiteral("fleetadmin/support_reach.sql")),
                              {support, schemas.isEmpty() ? QVariant() : QVariant(jsonArray(schemas)), m_roles.owner});
    // By the role owning the schemas: one check (and one fix, run as it) each.
    struct Owned {
        QStringList schemas;
        QStringList missing;
        QStringList statements;
    };
    std::map<QString, Owned> byOwner;
    for (int row = 0; row < r.rows(); ++row) {
        const QString schema = r.text(row, 0);
        Owned& owned = byOwner[r.text(row, 1)];
        owned.schemas << schema;
        QStringList missing;
        if (!r.toBool(row, 2)) {
            missing << QStringLiteral("no USAGE");
            owned.statements << ddl.grant("USAGE", Ddl::On::Schema, schema, support);
        }
        // Named, not ALL TABLES: a superuser's view there (an extension's) would make it warn.
        if (const QJsonArray unreadable = QJsonDocument::fromJson(r.text(row, 3).toUtf8()).array();
            !unreadable.isEmpty()) {
            QStringList tables;
            for (const QJsonValue& table : unreadable)
                tables << ddl.qualified(schema, table.toString());
            missing << QStringLiteral("%1 table(s) or view(s) it may not read").arg(unreadable.size());
            owned.statements << QStringLiteral("GRANT SELECT ON TABLE %1 TO %2")
                                    .arg(tables.join(QLatin1String(", ")), c.quoteIdentifier(support));
        }
        const QJsonArray creators = QJsonDocument::fromJson(r.text(row, 4).toUtf8()).array();
        for (const QJsonValue& creator : creators) {
            missing << QStringLiteral("no default privilege for the tables %1 makes").arg(creator.toString());
            owned.statements << ddl.grantSelectOnFutureTables(creator.toString(), schema, support);
        }
        if (!missing.isEmpty())
            owned.missing << QStringLiteral("%1: %2").arg(schema, missing.join(QLatin1String(", ")));
    }
    if (byOwner.empty() && !leading.isEmpty())
        byOwner[QString()]; // only the database's CONNECT is missing
    for (const auto& [owner, owned] : byOwner) {
        const QString what = schemas.isEmpty() ? QStringLiteral("%1 (support) may read %2").arg(support, label)
                                               : QStringLiteral("%1 (support) may read %2 owned by %3 (%4)")
                                                     .arg(support, label, owner, someOf(owned.schemas));
        QStringList missing = owned.missing;
        if (!leading.isEmpty())
            missing.prepend(QStringLiteral("no CONNECT on the database"));
        addReach(what, missing.join(QLatin1String("; ")), leading + owned.statements, owner, c.database());
    }
}

void TenantReachCheck::addReach(const QString& what, const QString& detail, const QStringList& statements,
                                const QString& owner, const QString& database)
{
    ShardCheckItem item;
    item.endpoint = m_primary.label();
    item.what = what;
    item.ok = statements.isEmpty();
    if (!item.ok) {
        const QString sql = statements.join(QLatin1String(";\n")) + u';';
        item.detail = detail;
        item.fixSql = sql;
        item.fixDatabase = database;
        if (!owner.isEmpty() && !adminActsFor(owner)) {
            item.runBy = QStringLiteral("%1 (the owner) or a superuser").arg(owner);
            item.fix = QStringLiteral("In database %1, as %2 (or by `shards prepare` once %3 is a member of %4):\n%5")
                           .arg(database, item.runBy, m_roles.admin, owner, sql);
        } else {
            item.fix = QStringLiteral("In database %1 (`shards prepare` runs it):\n%2").arg(database, sql);
        }
    }
    m_items.append(item);
}
