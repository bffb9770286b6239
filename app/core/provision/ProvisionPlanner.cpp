#include "provision/ProvisionPlanner.h"

#include "applayout/AppLayout.h"
#include "base/InputError.h"
#include "catalog/CatalogSnapshot.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantNames.h"
#include "pg/Ddl.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"
#include "provision/AppRegistrySync.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantGrants.h"
#include "provision/TenantSpecValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace {

using Statement = ProvisionPlan::Statement;
using Unit = ProvisionPlan::Unit;
using Step = ProvisionPlan::Step;

Statement script(const QString& sql)
{
    return {sql, {}};
}

Statement resource(const QString& path, const PgParams& params = {}, const QString& noRowError = {})
{
    return {SqlResource::text(path), params, noRowError};
}

QList<Statement> scripts(const QStringList& sql)
{
    QList<Statement> list;
    for (const QString& s : sql)
        list.append(script(s));
    return list;
}

const Statement pinSearchPath = script(LocalSettings::pinSearchPath());

// A transaction on a shard's database as the fleet owner, search_path pinned, then statements:
// how the work on what the owner owns (TenantDesk's records, tenant objects, grants) starts.
Unit asOwner(const QString& database, const PgConnection& q, const FleetRoles& roles, QList<Statement> statements)
{
    statements.prepend(script(TenantGrants::actAsOwner(q, roles)));
    statements.prepend(pinSearchPath);
    return {database, true, false, statements};
}

// TenantDesk's records on a shard (schema tenantdesk, created when missing) and their grants.
QList<Statement> shardRecords(const PgConnection& q, const FleetRoles& roles)
{
    return {resource("provision/shard_ledger.sql"), script(TenantGrants::ledger(q, roles).join(u';'))};
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QVariant orNull(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QString reconcileHint()
{
    return QStringLiteral("run `tenantctl reconcile` (or Reconcile in TenantDesk), which removes what a failed "
                          "provisioning left behind");
}

} // namespace

ProvisionPlanner::ProvisionPlanner(PgConnection& catalog, ShardConnections& shards)
    : m_catalog(catalog)
    , m_shards(shards)
{
}

ProvisionPlan ProvisionPlanner::plan(const TenantSpec& input)
{
    ProvisionPlan plan;
    plan.spec = TenantSpecValidator::normalized(input);
    QString ignored;
    plan.domains = *TenantSpecValidator::parseDomains(plan.spec.domains, &ignored);
    plan.lockKey = TenantNames::lockKey(plan.spec.slug);
    plan.claimToken = QUuid::createUuid().toString(QUuid::WithoutBraces);
    switch (plan.spec.model) {
    case IsolationModel::Schema:
        plan.schemaName = TenantNames::schemaName(plan.spec.slug);
        break;
    case IsolationModel::Database:
        plan.databaseName = TenantNames::databaseName(plan.spec.slug);
        break;
    case IsolationModel::Shared:
        plan.tenantKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
        break;
    }

    QString ddl;
    {
        CatalogSnapshot snapshot(m_catalog);
        resolveCatalog(plan, ddl);
        checkConflicts(plan);
    }
    bool shardPrepared = false, sharedSchemaExists = false, templateReady = false;
    checkShard(plan, shardPrepared, sharedSchemaExists, templateReady);
    addSteps(plan, ddl, shardPrepared, sharedSchemaExists, templateReady);
    if (const std::optional<AppLayout> layout = AppLayout::load(m_catalog, plan.shard.id))
        AppRegistrySync::addToPlan(plan, m_catalog, *layout);
    return plan;
}

void ProvisionPlanner::resolveCatalog(ProvisionPlan& plan, QString& ddl)
{
    plan.shard = plan.spec.automaticShard() ? ShardDirectory::automatic(m_catalog)
                                            : ShardDirectory::byName(m_catalog, plan.spec.shard);
    plan.spec.shard = plan.shard.name;

    const PgResult t = m_catalog.exec(SqlResource::text("provision/template.sql"),
                                      {plan.spec.templateName, toString(plan.spec.model), plan.spec.templateVersion});
    if (t.rows() == 0) {
        const QString which = plan.spec.templateVersion > 0
                                  ? QStringLiteral("version %1 of the template \"%2\"")
                                        .arg(QString::number(plan.spec.templateVersion), plan.spec.templateName)
                                  : QStringLiteral("template \"%1\"").arg(plan.spec.templateName);
        throw InputError(QStringLiteral("The catalog has no %1 for %2 tenants: choose one of the templates it lists "
                                        "(tenantdesk.templates).")
                             .arg(which, toString(plan.spec.model)));
    }
    plan.spec.templateVersion = int(t.toInt(0, 0));
    ddl = t.text(0, 1);
    if (plan.spec.model == IsolationModel::Database)
        plan.templateDatabase = TenantNames::templateDatabase(plan.spec.templateName, plan.spec.templateVersion);
}

void ProvisionPlanner::checkConflicts(ProvisionPlan& plan)
{
    const QString& slug = plan.spec.slug;
    const PgResult c = m_catalog.exec(
        SqlResource::text("provision/conflicts.sql"),
        {slug, TenantNames::identifier(slug), plan.shard.id, orNull(plan.schemaName), orNull(plan.databaseName)});
    for (int row = 0; row < c.rows(); ++row) {
        const QString other = c.text(row, 0);
        const QString state = c.text(row, 1);
        const QString shard = c.text(row, 3);
        if (other == slug && state == QLatin1String("failed") && c.rows() == 1) {
            plan.retriesFailedTenant = true;
            continue;
        }
        if (other == slug && state == QLatin1String("provisioning"))
            throw InputError(QStringLiteral("The tenant \"%1\" is being provisioned already (on %2, since %3). If that "
                                            "was interrupted, %4, then try again.")
                                 .arg(slug, shard, c.text(row, 4), reconcileHint()));
        if (other == slug)
            throw InputError(QStringLiteral("A tenant \"%1\" exists already (%2, on %3): choose another slug.")
                                 .arg(slug, state, shard));
        if (TenantNames::identifier(other) == TenantNames::identifier(slug))
            throw InputError(QStringLiteral("The slug \"%1\" names the same schema and database as the tenant \"%2\" "
                                            "('-' and '_' both become '_' in names): choose another slug.")
                                 .arg(slug, other));
        throw InputError(
            QStringLiteral("The %1 \"%2\" on %3 belongs to the tenant \"%4\" already: choose another slug.")
                .arg(plan.schemaName.isEmpty() ? QStringLiteral("database") : QStringLiteral("schema"),
                     plan.schemaName.isEmpty() ? plan.databaseName : plan.schemaName, shard, other));
    }
    if (plan.domains.isEmpty())
        return;
    const PgResult d = m_catalog.exec(SqlResource::text("provision/domains_taken.sql"),
                                      {CatalogDomain::toJsonRows(plan.domains), slug});
    if (d.rows() > 0)
        throw InputError(
            QStringLiteral("The domain \"%1\" routes to the tenant \"%2\" already: remove it from the list, "
                           "or take it from that tenant first.")
                .arg(d.text(0, 0), d.text(0, 1)));
}

void ProvisionPlanner::checkShard(ProvisionPlan& plan, bool& shardPrepared, bool& sharedSchemaExists,
                                  bool& templateReady)
{
    PgConnection& shard = m_shards.to(plan.shard, plan.shard.tenantDatabase);
    requireAppRoles(plan, shard);
    const PgResult objects = shard.exec(
        SqlResource::text("provision/shard_objects.sql"),
        {orNull(plan.schemaName.isEmpty() ? TenantNames::sharedSchema() : plan.schemaName),
         orNull(plan.databaseName.isEmpty() ? plan.templateDatabase : plan.databaseName)});
    // Something of the tenant's name on the shard: left by a failed attempt, made by a tenant
    // claimed since the catalog was read (the catalog, read again, says so), or an orphan.
    auto taken = [&](const QString& kind, const QString& name) {
        if (plan.retriesFailedTenant)
            return InputError(QStringLiteral("The tenant \"%1\" failed earlier and its %2 %3 is still on %4: %5, "
                                             "then try again.")
                                  .arg(plan.spec.slug, kind, name, plan.shard.label(), reconcileHint()));
        checkConflicts(plan);
        return InputError(QStringLiteral("The tenant \"%1\" cannot be created: a %2 named %3 exists on %4, but no "
                                         "tenant in the catalog owns it. Drop it (`tenantctl reconcile --dry-run` "
                                         "lists such orphans), or choose another slug.")
                              .arg(plan.spec.slug, kind, name, plan.shard.label()));
    };
    switch (plan.spec.model) {
    case IsolationModel::Schema:
        if (objects.toBool(0, 0))
            throw taken(QStringLiteral("schema"), plan.schemaName);
        shardPrepared = shard.exec(SqlResource::text("provision/ledger_ready.sql")).toBool(0, 0);
        break;
    case IsolationModel::Database:
        if (objects.toBool(0, 1))
            throw taken(QStringLiteral("database"), plan.databaseName);
        templateReady = shard.exec(SqlResource::text("provision/template_database_ready.sql"), {plan.templateDatabase})
                            .toBool(0, 0);
        break;
    case IsolationModel::Shared:
        sharedSchemaExists = objects.toBool(0, 0);
        shardPrepared = shard
                            .exec(SqlResource::text("provision/shared_ready.sql"),
                                  {TenantGrants::appRolesJson(m_shards.roles(plan.shard))})
                            .toBool(0, 0);
        // Every shared-table tenant of a shard lives in the same tables, made from one template version.
        if (shard.exec(SqlResource::text("provision/ledger_ready.sql")).toBool(0, 0)) {
            const PgResult made = shard.exec(SqlResource::text("provision/ledger_entry.sql"),
                                             {TenantNames::sharedSchema()});
            if (made.rows() > 0
                && (made.text(0, 0) != plan.spec.templateName || made.toInt(0, 1) != plan.spec.templateVersion))
                throw InputError(QStringLiteral("The shared tables of %1 are made from %2 v%3, and every shared-table "
                                                "tenant of a shard uses them: choose that template and version, or "
                                                "another shard.")
                                     .arg(plan.shard.name, made.text(0, 0), QString::number(made.toInt(0, 1))));
        }
        break;
    }
}

void ProvisionPlanner::requireAppRoles(const ProvisionPlan& plan, PgConnection& shard)
{
    // Every grant of the plan names them: a missing one would fail it half way.
    const FleetRoles roles = m_shards.roles(plan.shard);
    const QStringList missing = roles.missingApps(shard);
    if (missing.isEmpty()) {
        requireTenantOwner(plan, shard, roles);
        return;
    }
    QStringList quoted;
    for (const QString& app : missing)
        quoted << shard.quoteIdentifier(app);
    throw InputError(QStringLiteral("The tenant \"%1\" cannot be created on %2: its application role%3 %4 %5 not "
                                    "exist on that server. To fix it, %6. Nothing was written.")
                         .arg(plan.spec.slug, plan.shard.label(), missing.size() == 1 ? QString() : QStringLiteral("s"),
                              quoted.join(QLatin1String(", ")),
                              missing.size() == 1 ? QStringLiteral("does") : QStringLiteral("do"),
                              roles.missingAppsFix(shard, plan.shard.name, missing)));
}

void ProvisionPlanner::requireTenantOwner(const ProvisionPlan& plan, PgConnection& shard, const FleetRoles& roles)
{
    const QString& app = plan.shard.tenantOwner;
    if (app.isEmpty() || plan.spec.model == IsolationModel::Shared) // a shared-table tenant makes no objects
        return;
    const QString fix = QStringLiteral("tenantctl shards edit %1 --tenant-owner owner").arg(plan.shard.name);
    if (plan.spec.model == IsolationModel::Database)
        throw InputError(QStringLiteral("The tenant \"%1\" cannot be created on %2: new tenants there are owned by the "
                                        "application role %3, which TenantDesk does for schema tenants only. Create a "
                                        "schema tenant, choose another shard, or let the fleet's owner role own "
                                        "them: %4. Nothing was written.")
                             .arg(plan.spec.slug, plan.shard.label(), shard.quoteIdentifier(app), fix));
    // The admin creates the schema for that role and runs the template as it.
    const PgResult member = shard.exec(SqlResource::text("lifecycle/admin_member_of.sql"), {app});
    if (member.rows() == 0 || !member.toBool(0, 0))
        throw InputError(QStringLiteral("The tenant \"%1\" cannot be created on %2: new tenants there are owned by the "
                                        "application role %3, and %4 may not act as it. Fix it on that server as a "
                                        "superuser: GRANT %3 TO %4; or let the fleet's owner role own them: %5. "
                                        "Nothing was written.")
                             .arg(plan.spec.slug, plan.shard.label(), shard.quoteIdentifier(app),
                                  shard.quoteIdentifier(roles.admin), fix));
}

void ProvisionPlanner::addSteps(ProvisionPlan& plan, const QString& ddl, bool shardPrepared, bool sharedSchemaExists,
                                bool templateReady)
{
    addClaimStep(plan);
    switch (plan.spec.model) {
    case IsolationModel::Schema:
        addSchemaSteps(plan, ddl, shardPrepared);
        break;
    case IsolationModel::Database:
        addDatabaseSteps(plan, ddl, templateReady);
        break;
    case IsolationModel::Shared:
        addSharedSteps(plan, ddl, shardPrepared, sharedSchemaExists);
        break;
    }
    addActivateStep(plan);
}

void ProvisionPlanner::addClaimStep(ProvisionPlan& plan)
{
    const TenantSpec& spec = plan.spec;
    const QString model = toString(spec.model);

    Step claim{
        ProvisionStep::Claim,
        QStringLiteral("record %1 in the catalog as 'provisioning', with its domains and audit row").arg(spec.slug),
        {},
        std::nullopt,
        {},
        {}};
    Unit claimUnit{{}, true, false, {pinSearchPath}};
    if (plan.retriesFailedTenant)
        claimUnit.statements.append(resource("provision/forget_failed.sql", {spec.slug}));
    const QJsonObject details{{QLatin1String("model"), model},
                              {QLatin1String("shard"), plan.shard.name},
                              {QLatin1String("template"), spec.templateName},
                              {QLatin1String("version"), spec.templateVersion},
                              {QLatin1String("domains"), QJsonArray::fromStringList(spec.domains)},
                              {QLatin1String("claim"), plan.claimToken}};
    claimUnit.statements.append(
        resource("provision/record_tenant.sql",
                 {spec.slug, spec.displayName, model, plan.shard.id, orNull(plan.schemaName), orNull(plan.databaseName),
                  orNull(plan.tenantKey), spec.templateName, spec.templateVersion, QStringLiteral("provisioning"),
                  CatalogDomain::toJsonRows(plan.domains), QStringLiteral("tenant.provision"), json(details)},
                 QStringLiteral("The catalog did not record the tenant %1.").arg(spec.slug)));
    claim.units.append(claimUnit);
    claim.doneWhen = resource("provision/claimed.sql", {spec.slug, plan.claimToken});
    plan.steps.append(claim);
}

void ProvisionPlanner::addSchemaSteps(ProvisionPlan& plan, const QString& templateDdl, bool shardPrepared)
{
    const PgConnection& q = m_catalog; // quotes identifiers; every connection uses UTF-8
    const Ddl ddl(q);
    const FleetRoles& roles = m_shards.roles(plan.shard);
    const TenantSpec& spec = plan.spec;
    const QString& tenantsDb = plan.shard.tenantDatabase;
    const QString prepareLock = QStringLiteral("tenantdesk.shard.prepare");
    if (!shardPrepared) {
        plan.steps.append(
            {ProvisionStep::PrepareShard,
             QStringLiteral("create TenantDesk's records (schema %1) in %2").arg(TenantNames::shardSchema(), tenantsDb),
             prepareLock,
             resource("provision/ledger_ready.sql"),
             {asOwner(tenantsDb, q, roles, shardRecords(q, roles))},
             {}});
        plan.steps.last().doneWhen = plan.steps.last().skipWhen;
    }
    // The schema and what the template makes in it belong to the shard's tenant owner (the fleet's
    // owner role, or an application role that migrates its tables itself); the records to the owner role.
    const QString objectsOwner = m_shards.tenantOwner(plan.shard);
    Unit create{tenantsDb,
                true,
                false,
                {pinSearchPath, script(ddl.createSchema(plan.schemaName, objectsOwner)),
                 script(TenantGrants::actAsOwner(q, roles)),
                 resource("provision/ledger_record.sql", {plan.schemaName, spec.templateName, spec.templateVersion}),
                 script(LocalSettings::role(q, objectsOwner)), script(LocalSettings::searchPath(q, {plan.schemaName})),
                 script(templateDdl), pinSearchPath}};
    create.statements += scripts(TenantGrants::tables(q, roles, plan.schemaName));
    create.statements += scripts(TenantGrants::schemaAccess(q, roles, plan.schemaName, true));
    plan.steps.append(
        {ProvisionStep::CreateObjects,
         QStringLiteral("create schema %1 from %2 v%3, in one transaction")
             .arg(plan.schemaName, spec.templateName, QString::number(spec.templateVersion)),
         {},
         std::nullopt,
         {create},
         {{tenantsDb,
           true,
           false,
           {pinSearchPath, script(LocalSettings::role(q, objectsOwner)), script(ddl.dropSchema(plan.schemaName)),
            script(TenantGrants::actAsOwner(q, roles)), resource("provision/ledger_forget.sql", {plan.schemaName})}}}});
    plan.steps.last().doneWhen = resource("provision/schema_recorded.sql", {plan.schemaName});
}

void ProvisionPlanner::addDatabaseSteps(ProvisionPlan& plan, const QString& templateDdl, bool templateReady)
{
    const PgConnection& q = m_catalog; // quotes identifiers; every connection uses UTF-8
    const Ddl ddl(q);
    const FleetRoles& roles = m_shards.roles(plan.shard);
    const TenantSpec& spec = plan.spec;
    const QString& tenantsDb = plan.shard.tenantDatabase;
    if (!templateReady) {
        const QString build = TenantNames::templateBuildDatabase(spec.templateName, spec.templateVersion);
        // The copy of template1 may hold extension views owned by the superuser: granting on
        // all tables of public warns about those, and that warning is not news.
        Unit fill = asOwner(build, q, roles, {resource("provision/quiet_warnings.sql")});
        fill.closeAfter = true;
        fill.statements += shardRecords(q, roles);
        fill.statements += {resource("provision/ledger_record.sql",
                                     {QStringLiteral("public"), spec.templateName, spec.templateVersion}),
                            script(LocalSettings::searchPath(q, {QStringLiteral("public")})), script(templateDdl),
                            pinSearchPath};
        fill.statements += scripts(TenantGrants::tables(q, roles, QStringLiteral("public")));
        plan.steps.append(
            {ProvisionStep::BuildTemplate,
             QStringLiteral("build the template database %1 from %2 v%3 (under another name, renamed when complete)")
                 .arg(plan.templateDatabase, spec.templateName, QString::number(spec.templateVersion)),
             QStringLiteral("tenantdesk.template:") + plan.templateDatabase,
             resource("provision/template_database_ready.sql", {plan.templateDatabase}),
             {{tenantsDb,
               false,
               false,
               {script(ddl.dropDatabase(build)), script(ddl.createDatabase(build, roles.owner))}},
              fill,
              {tenantsDb, false, false, {script(ddl.renameDatabase(build, plan.templateDatabase))}}},
             {}});
        plan.steps.last().doneWhen = plan.steps.last().skipWhen;
    }
    plan.steps.append(
        {ProvisionStep::CreateObjects,
         QStringLiteral("copy %1 to the new database %2").arg(plan.templateDatabase, plan.databaseName),
         {},
         std::nullopt,
         {{tenantsDb,
           false,
           false,
           // Closed to everyone (PUBLIC may connect to a new database) until ApplyGrants has said
           // who may connect: a run killed in between leaves a database nobody can enter.
           {script(ddl.createDatabase(plan.databaseName, roles.owner, {plan.templateDatabase, false, true}))}}},
         {{tenantsDb, false, false, {script(ddl.dropDatabase(plan.databaseName))}}}});
    plan.steps.last().doneWhen = resource("provision/database_created.sql", {plan.databaseName});
    const Unit grants = asOwner(tenantsDb, q, roles,
                                scripts(TenantGrants::databaseAccess(q, roles, plan.databaseName, true)));
    plan.steps.append({ProvisionStep::ApplyGrants,
                       QStringLiteral("let support and the application connect to %1, nobody else, and open it")
                           .arg(plan.databaseName),
                       {},
                       std::nullopt,
                       {grants},
                       {}});
    plan.steps.last().doneWhen = resource("provision/database_open.sql", {plan.databaseName});
}

void ProvisionPlanner::addSharedSteps(ProvisionPlan& plan, const QString& templateDdl, bool shardPrepared,
                                      bool sharedSchemaExists)
{
    const PgConnection& q = m_catalog; // quotes identifiers; every connection uses UTF-8
    const FleetRoles& roles = m_shards.roles(plan.shard);
    const TenantSpec& spec = plan.spec;
    const QString& tenantsDb = plan.shard.tenantDatabase;
    const QString prepareLock = QStringLiteral("tenantdesk.shard.prepare");
    if (!shardPrepared) {
        Unit prepare = asOwner(tenantsDb, q, roles, shardRecords(q, roles));
        if (!sharedSchemaExists) {
            prepare.statements.append(script(LocalSettings::searchPath(q, {TenantNames::sharedSchema()})));
            prepare.statements.append(script(templateDdl));
            prepare.statements.append(pinSearchPath);
            prepare.statements += scripts(TenantGrants::tables(q, roles, TenantNames::sharedSchema()));
            prepare.statements += scripts(TenantGrants::schemaAccess(q, roles, TenantNames::sharedSchema(), true));
        }
        prepare.statements.append({LocalSettings::appRolesStatement(), {TenantGrants::appRolesJson(roles)}});
        prepare.statements.append(resource("provision/shared_guard.sql"));
        prepare.statements.append(resource("provision/ledger_adopt.sql",
                                           {TenantNames::sharedSchema(), spec.templateName, spec.templateVersion}));
        plan.steps.append(
            {ProvisionStep::PrepareShard,
             sharedSchemaExists
                 ? QStringLiteral("add TenantDesk's records and the suspension guard to the shared tables of %1")
                       .arg(tenantsDb)
                 : QStringLiteral("create the shared tables of %1 from %2 v%3, with TenantDesk's records "
                                  "and the suspension guard")
                       .arg(tenantsDb, spec.templateName, QString::number(spec.templateVersion)),
             prepareLock,
             resource("provision/shared_ready.sql", {TenantGrants::appRolesJson(roles)}),
             {prepare},
             {}});
        plan.steps.last().doneWhen = plan.steps.last().skipWhen;
    }
    plan.steps.append(
        {ProvisionStep::CreateObjects,
         QStringLiteral("make sure the new key %1 is on no deny list").arg(plan.tenantKey),
         {},
         std::nullopt,
         {{tenantsDb, true, false, {pinSearchPath, resource("provision/lift_suspension.sql", {plan.tenantKey})}}},
         {}});
    plan.steps.last().doneWhen = resource("provision/key_allowed.sql", {plan.tenantKey});
}

void ProvisionPlanner::addActivateStep(ProvisionPlan& plan)
{
    const TenantSpec& spec = plan.spec;

    plan.steps.append(
        {ProvisionStep::Activate,
         QStringLiteral("mark %1 'active' in the catalog, with its audit row").arg(spec.slug),
         {},
         std::nullopt,
         {{{},
           true,
           false,
           {pinSearchPath,
            resource("provision/set_state.sql",
                     {spec.slug, QStringLiteral("{provisioning}"), toString(TenantState::Active),
                      QStringLiteral("tenant.activate"), QVariant(), QVariant(), QVariant()},
                     QStringLiteral("The tenant %1 was no longer 'provisioning' when it was to be activated: someone "
                                    "else changed it meanwhile.")
                         .arg(spec.slug))}}},
         {}});
    plan.steps.last().doneWhen = resource("provision/activated.sql", {spec.slug, plan.claimToken});
}
