#include "provision/TenantShardObjects.h"

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

QByteArray apps(const ShardConnections& shards, const ManagedTenant& t)
{
    return TenantGrants::appRolesJson(shards.roles(t.shard));
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
    if (t.model == IsolationModel::Database
        && tenantsDatabase(shards, t)
               .exec(SqlResource::text("provision/database_closed.sql"), {t.databaseName, shards.roles(t.shard).owner})
               .toBool(0, 0))
        return true;
    PgConnection& c = shards.to(t.shard, t.dataDatabase());
    const bool made = ledgerReady(c)
                      && c.exec(SqlResource::text("provision/schema_recorded.sql"), {t.tableSchema()}).toBool(0, 0);
    if (t.model == IsolationModel::Database)
        shards.close(t.shard, t.databaseName); // nobody may be on a database that is to be dropped
    return made;
}

QStringList TenantShardObjects::appsReaching(ShardConnections& shards, const ManagedTenant& t)
{
    PgConnection& c = tenantsDatabase(shards, t);
    QStringList reach;
    if (t.model == IsolationModel::Shared) {
        const PgResult past = c.exec(SqlResource::text("provision/shared_reach.sql"), {apps(shards, t)});
        for (int row = 0; row < past.rows(); ++row)
            reach << past.text(row, 0) + QStringLiteral(": ") + past.text(row, 1);
        if (!c.exec(SqlResource::text("provision/shared_ready.sql"), {apps(shards, t)}).toBool(0, 0))
            reach << QStringLiteral("the application roles: the shared tables lack the suspension guard for "
                                    "some of them");
        else if (c.exec(SqlResource::text("provision/key_allowed.sql"), {t.tenantKey}).toBool(0, 0))
            reach << QStringLiteral("the application roles: its key is not on the deny list");
        return reach;
    }
    const bool database = t.model == IsolationModel::Database;
    const PgResult r = c.exec(SqlResource::text("provision/app_reach.sql"),
                              {database ? QVariant() : QVariant(t.schemaName),
                               database ? QVariant(t.databaseName) : QVariant(), apps(shards, t)});
    for (int row = 0; row < r.rows(); ++row)
        reach << r.text(row, 0) + QStringLiteral(": ") + r.text(row, 1);
    return reach;
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
            // As its owner, whoever that is (the owner of a schema drops what is in it, whoever owns that).
            const PgResult owner = c.exec(SqlResource::text("provision/schema_owner.sql"), {t.schemaName});
            if (owner.rows() > 0)
                c.execScript(LocalSettings::pinSearchPath() + u';' + LocalSettings::role(c, owner.text(0, 0)) + u';'
                             + Ddl(c).dropSchema(t.schemaName));
            c.execScript(LocalSettings::pinSearchPath() + u';' + TenantGrants::actAsOwner(c, shards.roles(t.shard)));
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
            c.execScript(LocalSettings::pinSearchPath() + u';' + TenantGrants::actAsOwner(c, shards.roles(t.shard)));
            // Row-level security is forced on the shared tables: with app.tenant_id set, even the
            // owner sees and deletes only this tenant's rows; the WHERE says so once more.
            LocalSettings::setTenant(c, t.tenantKey);
            for (const auto& [schema, table] : sharedTables(c))
                c.exec(QStringLiteral("DELETE FROM ") + Ddl(c).qualified(schema, table)
                           + QStringLiteral(" WHERE tenant_id = $1::uuid"),
                       {t.tenantKey});
            if (ledgerReady(c))
                c.exec(SqlResource::text("provision/lift_suspension.sql"), {t.tenantKey});
        });
        break;
    }
}
