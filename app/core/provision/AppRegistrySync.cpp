#include "provision/AppRegistrySync.h"

#include "applayout/AppRegistryWriter.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/TenantNames.h"
#include "catalog/TenantRecord.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"

namespace {

bool modelFits(const AppLayout& layout, IsolationModel model)
{
    if (!layout.hasRegistry())
        return false;
    return model == (layout.databaseTenants() ? IsolationModel::Database : IsolationModel::Schema);
}

QList<ProvisionPlan::Statement> toPlan(const AppStatements& statements)
{
    QList<ProvisionPlan::Statement> list;
    for (const AppStatement& s : statements)
        list.append({s.sql, s.params});
    return list;
}

// The application's hosts of the tenant's routes, each once: the apps match on the host alone.
QStringList hosts(const QList<CatalogDomain>& domains)
{
    QStringList list;
    for (const CatalogDomain& d : domains) {
        if (!list.contains(d.host))
            list.append(d.host);
    }
    return list;
}

// The tenant's layout and its row there, or nullopt when the app's tables do not concern it.
std::optional<std::pair<AppLayout, AppTenantKey>> rowOf(PgConnection& catalog, const TenantRecord& t)
{
    const std::optional<AppLayout> layout = AppLayout::load(catalog, t.shard.id);
    if (!layout || !modelFits(*layout, t.model))
        return std::nullopt;
    const PgResult id = catalog.exec(SqlResource::text(QStringLiteral("applayout/app_tenant_id.sql")), {t.id});
    return std::pair{*layout, AppTenantKey{id.rows() > 0 ? id.text(0, 0) : QString(), t.schemaName, t.databaseName}};
}

void write(ShardConnections& shards, const TenantRecord& t, const AppLayout& layout,
           const std::function<AppStatements(const AppRegistryWriter&)>& statements)
{
    PgConnection& c = shards.to(t.shard, layout.database);
    const AppStatements list = statements(AppRegistryWriter(c, layout));
    if (list.isEmpty())
        return;
    try {
        c.transaction([&] { execute(c, list); }, LocalSettings::beginPinned());
    } catch (const PgError& e) {
        throw PgError(e.kind(),
                      QStringLiteral("The application's tenant table %1 in %2 on %3 could not be written: %4")
                          .arg(layout.tenantTable.text(), layout.database, t.shard.label(), e.message()),
                      e.sqlState(), e.detail(), e.hint());
    }
}

} // namespace

void AppRegistrySync::addToPlan(ProvisionPlan& plan, const PgConnection& q, const AppLayout& layout)
{
    if (!modelFits(layout, plan.spec.model))
        return;
    // A new stancl tenant's id is its identifier; django-tenants and Apartment number their own.
    const QString appId = layout.databaseTenants() ? TenantNames::identifier(plan.spec.slug) : QString();
    const AppTenantKey key{appId, plan.schemaName, plan.databaseName};
    const AppRegistryWriter writer(q, layout);
    const ProvisionPlan::Statement asAdmin{QStringLiteral("RESET ROLE"), {}};
    ProvisionPlan::Unit insert{layout.database, true, false, {asAdmin}};
    insert.statements += toPlan(writer.insert(key, plan.spec.displayName, hosts(plan.domains)));
    ProvisionPlan::Unit remove{layout.database, true, false, {asAdmin}};
    remove.statements += toPlan(writer.remove(key));

    // The last step that touches the shard: the schema's transaction, or the database's grants.
    ProvisionPlan::Step* last = nullptr;
    for (ProvisionPlan::Step& step : plan.steps) {
        if (step.step == ProvisionStep::CreateObjects || step.step == ProvisionStep::ApplyGrants)
            last = &step;
    }
    if (!last)
        return;
    ProvisionPlan::Unit& objects = last->units.last();
    if (objects.transaction && objects.database == layout.database) {
        // The same database: the same transaction as the schema (or the database's grants).
        objects.statements += insert.statements;
    } else {
        last->summary += QStringLiteral(", then record it in the application's table %1 in %2")
                             .arg(layout.tenantTable.text(), layout.database);
        last->units.append(insert);
    }
    last->undo.prepend(remove);
    if (!appId.isEmpty()) {
        plan.steps.last().units.last().statements.append(
            {SqlResource::text(QStringLiteral("applayout/set_app_tenant_id.sql")), {plan.spec.slug, appId}});
    }
}

void AppRegistrySync::renamed(PgConnection& catalog, ShardConnections& shards, const TenantRecord& t,
                              const QString& displayName)
{
    if (const auto row = rowOf(catalog, t))
        write(shards, t, row->first, [&](const AppRegistryWriter& w) { return w.rename(row->second, displayName); });
}

void AppRegistrySync::activeChanged(PgConnection& catalog, ShardConnections& shards, const TenantRecord& t, bool active)
{
    if (const auto row = rowOf(catalog, t))
        write(shards, t, row->first, [&](const AppRegistryWriter& w) { return w.setActive(row->second, active); });
}

void AppRegistrySync::restore(PgConnection& catalog, ShardConnections& shards, const TenantRecord& t)
{
    const auto row = rowOf(catalog, t);
    if (!row)
        return;
    const PgResult r = catalog.exec(SqlResource::text(QStringLiteral("catalog_queries/tenant_domains.sql")), {t.id});
    QStringList domains;
    for (int i = 0; i < r.rows(); ++i) {
        if (!domains.contains(r.text(i, 1)))
            domains.append(r.text(i, 1));
    }
    AppTenantKey key = row->second;
    if (key.appId.isEmpty() && row->first.databaseTenants())
        key.appId = TenantNames::identifier(t.slug); // as provisioning names it
    write(shards, t, row->first,
          [&](const AppRegistryWriter& w) { return w.insert(key, t.displayName, domains) + w.setActive(key, true); });
}

void AppRegistrySync::removed(PgConnection& catalog, ShardConnections& shards, const TenantRecord& t)
{
    if (const auto row = rowOf(catalog, t))
        write(shards, t, row->first, [&](const AppRegistryWriter& w) { return w.remove(row->second); });
}
