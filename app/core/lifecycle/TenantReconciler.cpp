#include "lifecycle/TenantReconciler.h"

#include "base/InputError.h"
#include "catalog/CatalogGate.h"
#include "catalog/TenantNames.h"
#include "lifecycle/AppLockout.h"
#include "lifecycle/TenantLifecycle.h"
#include "pg/AdvisoryLock.h"
#include "pg/LocalSettings.h"
#include "pg/OutcomeReadBack.h"
#include "pg/SqlResource.h"
#include "provision/AppRegistrySync.h"
#include "provision/ManagedTenants.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantGrants.h"
#include "provision/TenantShardObjects.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

struct TenantReconciler::Server {
    QString host;
    int port = 0;
    QList<ShardTarget> shards; // the catalog shards on this server
};

namespace {

using Kind = ReconcileFinding::Kind;
using Action = ReconcileFinding::Action;

// name -> whether the application role may reach it
QHash<QString, bool> namesWithAccess(const PgResult& r)
{
    QHash<QString, bool> names;
    for (int row = 0; row < r.rows(); ++row)
        names.insert(r.text(row, 0), r.toBool(row, 2));
    return names;
}

QSet<QString> column(const PgResult& r)
{
    QSet<QString> values;
    for (int row = 0; row < r.rows(); ++row)
        values.insert(r.text(row, 0));
    return values;
}

ReconcileFinding finding(Kind kind, Action action, const ManagedTenant& t, const QString& description)
{
    ReconcileFinding f;
    f.kind = kind;
    f.action = action;
    f.shard = t.shard.name;
    f.slug = t.slug;
    f.object = t.objectLabel();
    f.description = description;
    return f;
}

void setState(PgConnection& catalog, const ManagedTenant& t, TenantState to, const QString& action,
              const QString& reason)
{
    catalog.transaction(
        [&] {
            if (catalog
                    .exec(SqlResource::text("provision/set_state.sql"),
                          {t.slug, QString(u'{' + toString(t.state) + u'}'), toString(to), action, reason, QVariant(),
                           QVariant()})
                    .rows()
                == 0)
                throw InputError(QStringLiteral("the tenant changed meanwhile; nothing was done"));
        },
        LocalSettings::beginPinned());
}

void audit(PgConnection& catalog, const ManagedTenant& t, const QString& action, const QString& reason,
           QJsonObject details = {})
{
    details.insert(QLatin1String("object"), t.objectLabel());
    details.insert(QLatin1String("shard"), t.shard.name);
    catalog.exec(SqlResource::text("provision/audit.sql"),
                 {action, t.id, t.slug, reason, QJsonDocument(details).toJson(QJsonDocument::Compact)});
}

} // namespace

int TenantReconciler::Report::repaired() const
{
    return int(std::count_if(findings.begin(), findings.end(), [](const ReconcileFinding& f) { return f.repaired; }));
}

int TenantReconciler::Report::toRepair() const
{
    return int(
        std::count_if(findings.begin(), findings.end(), [](const ReconcileFinding& f) { return f.needsRepair(); }));
}

int TenantReconciler::Report::attention() const
{
    return int(findings.size()) - toRepair();
}

TenantReconciler::TenantReconciler(PgConnection& catalog, ShardConnections& shards)
    : m_catalog(catalog)
    , m_shards(shards)
{
}

TenantReconciler::Report TenantReconciler::run(const Options& options)
{
    // A dry run only reads: it may look at a catalog newer than this build.
    CatalogGate::require(m_catalog, options.dryRun ? CatalogGate::Access::Read : CatalogGate::Access::Write);
    m_dryRun = options.dryRun;
    Report report;
    QList<Server> servers;
    for (const ShardTarget& shard : ShardDirectory::all(m_catalog)) {
        if (shard.host.isEmpty()) {
            ReconcileFinding f;
            f.kind = Kind::ShardUnreachable;
            f.shard = shard.name;
            f.description = QStringLiteral(
                "The shard has no primary endpoint in the catalog: its tenants were not checked.");
            report.findings.append(f);
            continue;
        }
        auto same = std::find_if(servers.begin(), servers.end(),
                                 [&](const Server& s) { return s.host == shard.host && s.port == shard.port; });
        if (same == servers.end())
            servers.append({shard.host, shard.port, {shard}});
        else
            same->shards.append(shard);
    }
    for (const Server& server : servers)
        checkServer(server, options, report);

    // A tenant missing on its shard but found on another is in the wrong place, not an orphan.
    for (ReconcileFinding& missing : report.findings) {
        if (missing.kind != Kind::Missing)
            continue;
        for (qsizetype i = 0; i < report.findings.size(); ++i) {
            const ReconcileFinding& orphan = report.findings[i];
            if (orphan.kind == Kind::Orphan && orphan.object == missing.object) {
                missing.kind = Kind::WrongShard;
                missing.description = QStringLiteral(
                                          "Its %1 is not on %2, where the catalog places it, but on %3. Move "
                                          "it back, or correct the catalog.")
                                          .arg(missing.object, missing.shard, orphan.shard);
                report.findings.removeAt(i);
                break;
            }
        }
    }
    return report;
}

void TenantReconciler::checkServer(const Server& server, const Options& options, Report& report)
{
    const double stuckSeconds = options.stuckMinutes * 60.0;
    const QString prefix = TenantNames::identifier(options.slugPrefix);
    // The databases are the server's, shared by its shards: whether any of their applications may connect.
    FleetRoles serverRoles = m_shards.roles(server.shards.constFirst());
    for (const ShardTarget& shard : server.shards) {
        for (const QString& app : m_shards.roles(shard).apps) {
            if (!serverRoles.apps.contains(app))
                serverRoles.apps.append(app);
        }
    }
    const QByteArray serverApps = TenantGrants::appRolesJson(serverRoles);
    QHash<QString, bool> databases;
    try {
        databases = namesWithAccess(m_shards.to(server.shards.constFirst(), server.shards.constFirst().tenantDatabase)
                                        .exec(SqlResource::text("provision/tenant_databases.sql"), {serverApps}));
    } catch (const PgError& e) {
        for (const ShardTarget& shard : server.shards) {
            ReconcileFinding f;
            f.kind = Kind::ShardUnreachable;
            f.shard = shard.name;
            f.object = shard.label();
            f.description = QStringLiteral("The shard could not be checked: %1").arg(e.message());
            report.findings.append(f);
        }
        return;
    }
    QSet<QString> ownedDatabases;
    for (const ShardTarget& shard : server.shards) {
        const QList<ManagedTenant> tenants = ManagedTenants::onShard(m_catalog, shard.id, options.slugPrefix);
        PgConnection& c = m_shards.to(shard, shard.tenantDatabase);
        const QHash<QString, bool> schemas = namesWithAccess(c.exec(
            SqlResource::text("provision/tenant_schemas.sql"), {TenantGrants::appRolesJson(m_shards.roles(shard))}));
        const bool ledger = c.exec(SqlResource::text("provision/ledger_ready.sql")).toBool(0, 0);
        const QSet<QString> recorded = ledger ? column(c.exec(SqlResource::text("provision/ledger_schemas.sql")))
                                              : QSet<QString>();
        const QSet<QString> denied = ledger ? column(c.exec(SqlResource::text("provision/suspended_keys.sql")))
                                            : QSet<QString>();
        const bool sharedTables = c.exec(SqlResource::text("provision/shard_objects.sql"),
                                         {TenantNames::sharedSchema(), QVariant()})
                                      .toBool(0, 0);
        QSet<QString> ownedSchemas;

        for (const ManagedTenant& t : tenants) {
            bool present = false, allowed = false;
            std::function<bool()> made;
            switch (t.model) {
            case IsolationModel::Schema:
                ownedSchemas.insert(t.schemaName);
                present = schemas.contains(t.schemaName);
                allowed = schemas.value(t.schemaName);
                made = [&] { return recorded.contains(t.schemaName); };
                break;
            case IsolationModel::Database:
                ownedDatabases.insert(t.databaseName);
                present = databases.contains(t.databaseName);
                allowed = databases.value(t.databaseName);
                made = [&] { return TenantShardObjects::madeByProvisioner(m_shards, t); };
                break;
            case IsolationModel::Shared:
                present = sharedTables;
                allowed = !denied.contains(t.tenantKey);
                made = [&] { return sharedTables; };
                break;
            }
            std::optional<ReconcileFinding> f;
            switch (t.state) {
            case TenantState::Provisioning:
                if (t.secondsInState < stuckSeconds)
                    break;
                if (present && made())
                    f = finding(
                        Kind::StuckProvisioning, Action::Activate, t,
                        QStringLiteral("Provisioning stopped %1 min ago after its %2 was complete: it is activated.")
                            .arg(int(t.secondsInState / 60))
                            .arg(t.objectLabel()));
                else if (present)
                    f = finding(
                        Kind::StuckProvisioning, Action::None, t,
                        QStringLiteral("Provisioning stopped %1 min ago, and a %2 exists that TenantDesk did not "
                                       "make: look at it, then delete the tenant or the object.")
                            .arg(int(t.secondsInState / 60))
                            .arg(t.objectLabel()));
                else
                    f = finding(
                        Kind::StuckProvisioning, Action::MarkFailed, t,
                        QStringLiteral("Provisioning stopped %1 min ago before anything was created on %2: it is "
                                       "marked failed.")
                            .arg(int(t.secondsInState / 60))
                            .arg(t.shard.name));
                break;
            case TenantState::Failed:
                if (present && t.model != IsolationModel::Shared)
                    f = made()
                            ? finding(Kind::FailedLeftover, Action::DropObjects, t,
                                      QStringLiteral("Its provisioning failed and left its %1: it is dropped.")
                                          .arg(t.objectLabel()))
                            : finding(Kind::FailedLeftover, Action::None, t,
                                      QStringLiteral("Its provisioning failed, and a %1 exists that TenantDesk did not "
                                                     "make: look at it before provisioning this tenant again.")
                                          .arg(t.objectLabel()));
                break;
            case TenantState::Active:
            case TenantState::Suspended:
            case TenantState::Archived:
                if (!present)
                    f = finding(
                        Kind::Missing, Action::None, t,
                        QStringLiteral("The tenant is %1 but there is no %2 on %3 under the name the catalog records. "
                                       "If it lives under another name, record that one; otherwise restore it from "
                                       "its archive.")
                            .arg(toString(t.state), t.objectLabel(), t.shard.name));
                else if (allowed != (t.state == TenantState::Active))
                    f = finding(Kind::AccessDrift, Action::FixAccess, t,
                                QStringLiteral("The tenant is %1 but %2 reach it: access is set to match.")
                                    .arg(toString(t.state), allowed ? QStringLiteral("an application role can")
                                                                    : QStringLiteral("no application role can")));
                break;
            case TenantState::Deleting:
                if (t.purgeDue)
                    f = finding(Kind::DeletingDue, Action::Purge, t,
                                QStringLiteral("Its deletion is due (or was interrupted): its data and catalog row are "
                                               "removed."));
                else if (present && allowed)
                    f = finding(Kind::AccessDrift, Action::FixAccess, t,
                                QStringLiteral("The tenant is being deleted but the application can still reach it: "
                                               "access is revoked."));
                break;
            }
            if (!f)
                continue;
            if (f->needsRepair())
                repair(*f, t);
            report.findings.append(*f);
        }

        for (auto it = schemas.cbegin(); it != schemas.cend(); ++it) {
            if (ownedSchemas.contains(it.key()) || !it.key().startsWith(prefix))
                continue;
            ReconcileFinding f;
            f.kind = Kind::Orphan;
            f.shard = shard.name;
            f.object = QStringLiteral("schema %1").arg(it.key());
            // Only what TenantDesk made is left over by it; anything else may be the application's own.
            f.description = recorded.contains(it.key())
                                ? QStringLiteral(
                                      "No tenant owns the schema %1 in %2, which TenantDesk made. Record a tenant "
                                      "for it, or drop it once nobody needs it.")
                                      .arg(it.key(), shard.tenantDatabase)
                                : QStringLiteral(
                                      "The schema %1 in %2 is unregistered: no tenant owns it and TenantDesk did "
                                      "not make it. Adopt it (`tenantctl adopt scan`), or ignore it.")
                                      .arg(it.key(), shard.tenantDatabase);
            report.findings.append(f);
        }
    }
    // Databases belong to the server: an orphan only when no shard on it has a tenant for it.
    // Only names TenantDesk gives its databases count: the server's other databases (the
    // application's own, postgres) are none of its business. With a slug prefix, only part of the
    // tenants was loaded, so only matching names count.
    for (auto it = databases.cbegin(); it != databases.cend(); ++it) {
        const QString identifier = TenantNames::identifierOfDatabase(it.key());
        if (ownedDatabases.contains(it.key()) || identifier.isEmpty() || !identifier.startsWith(prefix))
            continue;
        ReconcileFinding f;
        f.kind = Kind::Orphan;
        f.shard = server.shards.constFirst().name;
        f.object = QStringLiteral("database %1").arg(it.key());
        f.description = QStringLiteral(
                            "No tenant owns the database %1 on %2:%3, named as TenantDesk names tenant databases. "
                            "Record a tenant for it (adopt it), or drop it once nobody needs it.")
                            .arg(it.key(), server.host)
                            .arg(server.port);
        report.findings.append(f);
    }
}

void TenantReconciler::repair(ReconcileFinding& f, const ManagedTenant& t)
{
    if (m_dryRun) {
        f.outcome = QStringLiteral("dry run: not repaired");
        return;
    }
    const AdvisoryLock lock(m_catalog, TenantNames::lockKey(t.slug), AdvisoryLock::Try);
    if (!lock.held()) {
        f.outcome = QStringLiteral("skipped: another session is working on this tenant");
        return;
    }
    try {
        switch (f.action) {
        case Action::None:
            return;
        case Action::Activate:
            AppLockout(m_shards, t).restore({});
            AppRegistrySync::restore(m_catalog, m_shards, t);
            setState(m_catalog, t, TenantState::Active, QStringLiteral("tenant.reconcile.activate"),
                     QStringLiteral("provisioning finished by reconcile: its objects were complete"));
            f.outcome = QStringLiteral("activated");
            break;
        case Action::MarkFailed:
            setState(m_catalog, t, TenantState::Failed, QStringLiteral("tenant.reconcile.fail"),
                     QStringLiteral("provisioning rolled back by reconcile: nothing of it had been created"));
            f.outcome = QStringLiteral("marked failed");
            break;
        case Action::DropObjects:
            TenantShardObjects::drop(m_shards, t);
            audit(m_catalog, t, QStringLiteral("tenant.reconcile.drop"),
                  QStringLiteral("dropped what a failed provisioning left"));
            f.outcome = QStringLiteral("dropped ") + t.objectLabel();
            break;
        case Action::FixAccess: {
            const bool allowed = t.state == TenantState::Active;
            AppLockout lockout(m_shards, t);
            QJsonObject details;
            if (allowed) {
                const QList<AccessCut> cuts = AppLockout::recorded(m_catalog, t.id);
                lockout.requireCanRestore(cuts, QStringLiteral("given its access back"));
                lockout.restore(cuts);
                details.insert(QLatin1String("restored"), qint64(cuts.size()));
            } else {
                const AccessCut cut = lockout.plan(QStringLiteral("shut off"));
                lockout.lockOut(cut);
                details.insert(QLatin1String("revoked"), cut.toJson());
            }
            audit(m_catalog, t, QStringLiteral("tenant.reconcile.access"),
                  allowed ? QStringLiteral("application access granted to match the catalog")
                          : QStringLiteral("application access revoked to match the catalog"),
                  details);
            f.outcome = allowed ? QStringLiteral("access granted") : QStringLiteral("access revoked");
            break;
        }
        case Action::Purge:
            TenantLifecycle(m_catalog, m_shards).purge(t.slug, true);
            f.outcome = QStringLiteral("purged");
            break;
        }
        f.repaired = true;
    } catch (const Failure& e) {
        if (!PgError::is(e, PgError::Kind::UnknownOutcome)) {
            f.outcome = QStringLiteral("not repaired: ") + e.message();
            return;
        }
        // Every repair reads the state before acting: the next run sees whether this one took
        // effect and finishes it. The catalog is needed for the rest of this run.
        f.outcome = QStringLiteral("outcome unknown (%1): run reconcile again, which reads back what happened")
                        .arg(e.message());
        if (!m_catalog.isOpen())
            OutcomeReadBack::settle(m_catalog);
    }
}
