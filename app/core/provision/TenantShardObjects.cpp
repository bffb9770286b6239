#include "provision/TenantShardObjects.h"

#include "catalog/FleetRoles.h"
#include "catalog/TenantNames.h"
#include "pg/Ddl.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"
#include "provision/TenantGrants.h"

namespace {

PgConnection& tenantsDatabase(ShardConnections& shards, const ManagedTenant& t)
{
    return shards.to(t.shard, t.shard.tenantDatabase);
}

bool ledgerReady(PgConnection& c)
{
    return c.exec(SqlResource::text("provision/ledger_ready.sql")).toBool(0, 0);
}

// The deny list and its guard on the shared tables, when the shard has none yet.
void ensureSharedGuard(PgConnection& c)
{
    if (c.exec(SqlResource::text("provision/shared_ready.sql")).toBool(0, 0))
        return;
    c.execScript(LocalSettings::pinSearchPath() + u';' + TenantGrants::actAsOwner(c) + u';' + SqlResource::text("provision/shard_ledger.sql") +
                 QLatin1String("\n;\n") + SqlResource::text("provision/shared_guard.sql"));
}

} // namespace

bool TenantShardObjects::exists(ShardConnections& shards, const ManagedTenant& t)
{
    PgConnection& c = tenantsDatabase(shards, t);
    const PgResult r = c.exec(SqlResource::text("provision/shard_objects.sql"),
                              {t.model == IsolationModel::Database ? QVariant() : QVariant(t.tableSchema()),
                               t.model == IsolationModel::Database ? QVariant(t.databaseName) : QVariant()});
    return r.toBool(0, t.model == IsolationModel::Database ? 1 : 0);
}

bool TenantShardObjects::madeByProvisioner(ShardConnections& shards, const ManagedTenant& t)
{
    if (t.model == IsolationModel::Shared || !exists(shards, t))
        return false;
    // A database tenant's database is created closed and opened with its grants: a closed one
    // of its name and owner is a complete copy of the template, left before the grants.
    if (t.model == IsolationModel::Database &&
        tenantsDatabase(shards, t)
            .exec(SqlResource::text("provision/database_closed.sql"), {t.databaseName, FleetRoles::standard().owner})
            .toBool(0, 0))
        return true;
    PgConnection& c = shards.to(t.shard, t.dataDatabase());
    const bool made = ledgerReady(c) &&
                      c.exec(SqlResource::text("provision/schema_recorded.sql"), {t.tableSchema()})
                          .toBool(0, 0);
    if (t.model == IsolationModel::Database)
        shards.close(t.shard, t.databaseName); // nobody may be on a database that is to be dropped
    return made;
}

bool TenantShardObjects::appAllowed(ShardConnections& shards, const ManagedTenant& t)
{
    PgConnection& c = tenantsDatabase(shards, t);
    switch (t.model) {
    case IsolationModel::Schema:
        return c.exec(SqlResource::text("provision/app_access.sql"), {t.schemaName, QVariant(), FleetRoles::standard().apps.first()}).toBool(0, 0);
    case IsolationModel::Database:
        return c.exec(SqlResource::text("provision/app_access.sql"), {QVariant(), t.databaseName, FleetRoles::standard().apps.first()}).toBool(0, 1);
    case IsolationModel::Shared: {
        if (!ledgerReady(c))
            return true;
        const PgResult r = c.exec(SqlResource::text("provision/suspended_keys.sql"));
        for (int row = 0; row < r.rows(); ++row) {
            if (r.text(row, 0) == t.tenantKey)
                return false;
        }
        return true;
    }
    }
    Q_UNREACHABLE();
}

void TenantShardObjects::setAppAllowed(ShardConnections& shards, const ManagedTenant& t, bool allowed)
{
    PgConnection& c = tenantsDatabase(shards, t);
    c.transaction([&] {
        c.execScript(LocalSettings::pinSearchPath() + u';' + TenantGrants::actAsOwner(c));
        switch (t.model) {
        case IsolationModel::Schema:
            c.execScript(TenantGrants::schemaAccess(c, t.schemaName, allowed).join(u';'));
            break;
        case IsolationModel::Database:
            c.execScript(TenantGrants::databaseAccess(c, t.databaseName, allowed).join(u';'));
            break;
        case IsolationModel::Shared:
            ensureSharedGuard(c);
            c.exec(SqlResource::text(allowed ? "provision/lift_suspension.sql" : "provision/impose_suspension.sql"), {t.tenantKey});
            break;
        }
    });
}

QList<std::pair<QString, QString>> TenantShardObjects::sharedTables(PgConnection& c)
{
    QList<std::pair<QString, QString>> tables;
    const PgResult r = c.exec(SqlResource::text("provision/shared_tables.sql"));
    for (int row = 0; row < r.rows(); ++row)
        tables.append({r.text(row, 0), r.text(row, 1)});
    return tables;
}

void TenantShardObjects::drop(ShardConnections& shards, const ManagedTenant& t)
{
    PgConnection& c = tenantsDatabase(shards, t);
    switch (t.model) {
    case IsolationModel::Schema:
        c.transaction([&] {
            c.execScript(
                LocalSettings::pinSearchPath() + u';' + TenantGrants::actAsOwner(c) + u';' +
                Ddl(c).dropSchema(t.schemaName));
            if (ledgerReady(c))
                c.exec(SqlResource::text("provision/ledger_forget.sql"), {t.schemaName});
        });
        break;
    case IsolationModel::Database:
        // Without FORCE: the server waits a few seconds for sessions that are closing, and refuses
        // (rather than cutting off) an application session that is still there.
        shards.close(t.shard, t.databaseName);
        c.execScript(Ddl(c).dropDatabase(t.databaseName));
        break;
    case IsolationModel::Shared:
        c.transaction([&] {
            c.execScript(LocalSettings::pinSearchPath() + u';' + TenantGrants::actAsOwner(c));
            // Row-level security is forced on the shared tables: with app.tenant_id set, even the
            // owner sees and deletes only this tenant's rows; the WHERE says so once more.
            LocalSettings::setTenant(c, t.tenantKey);
            for (const auto& [schema, table] : sharedTables(c))
                c.exec(QStringLiteral("DELETE FROM ") + Ddl(c).qualified(schema, table) +
                           QStringLiteral(" WHERE tenant_id = $1::uuid"),
                       {t.tenantKey});
            if (ledgerReady(c))
                c.exec(SqlResource::text("provision/lift_suspension.sql"), {t.tenantKey});
        });
        break;
    }
}
