#pragma once

#include "ExpectInputError.h"
#include "ModelRows.h"
#include "TestFleet.h"
#include "catalog/TenantEnums.h"
#include "catalog/TenantNames.h"
#include "lifecycle/TenantLifecycle.h"
#include "lifecycle/TenantReconciler.h"
#include "pg/PgConnection.h"
#include "provision/ManagedTenants.h"
#include "provision/ShardConnections.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantSpec.h"
#include "sandbox/SandboxState.h"

#include <QRandomGenerator>
#include <QString>
#include <QTest>
#include <functional>
#include <memory>

// What the provisioning tests share: tenants of their own (slugs tdp-<purpose>-<random>, so that
// a test never touches the sandbox's seeded tenants or another test's), what is on a shard for
// them, and error checks. Header-only: the db and gui tests include it.
namespace ProvisionTestKit {

// What a provisioning test works through: the catalog as the sandbox's admin and the shards reached
// from it with the standard roles. catalogVia: another way to the same catalog (a FaultProxy).
struct AdminFleet {
    explicit AdminFleet(const ConnectionParams& catalogVia = TestFleet::catalogParams())
        : shards(TestFleet::catalogParams().withSafeDefaults(), FleetRoles::standard())
    {
        catalog.open(catalogVia.withSafeDefaults());
    }

    PgConnection catalog;
    ShardConnections shards;
};

// The same for a test class that keeps them for all its test functions (opened in initTestCase).
inline void openAdminFleet(PgConnection& catalog, std::unique_ptr<ShardConnections>& shards)
{
    catalog.open(TestFleet::catalogParams().withSafeDefaults());
    shards = std::make_unique<ShardConnections>(TestFleet::catalogParams().withSafeDefaults(), FleetRoles::standard());
}

// Reconcile limited to slugs starting with prefix, with what only concerns other tests' shards
// left out: they register shards of theirs in the shared catalog meanwhile (some behind proxies
// they stop), which reconcile reports unreachable.
inline TenantReconciler::Report reconcileSandbox(PgConnection& catalog, ShardConnections& shards,
                                                 const TenantReconciler::Options& options)
{
    TenantReconciler::Report report = TenantReconciler(catalog, shards).run(options);
    report.findings.removeIf([](const ReconcileFinding& f) {
        return f.kind == ReconcileFinding::Kind::ShardUnreachable && f.shard != QLatin1String("shard-1")
               && f.shard != QLatin1String("shard-2");
    });
    return report;
}

inline QString uniqueSlug(const QString& purpose)
{
    return QStringLiteral("tdp-%1-%2")
        .arg(purpose)
        .arg(QRandomGenerator::global()->generate() % 0xffffff, 6, 16, QLatin1Char('0'));
}

inline TenantSpec spec(const QString& slug, IsolationModel model, const QString& shard = QStringLiteral("shard-1"))
{
    TenantSpec s;
    s.slug = slug;
    s.displayName = QStringLiteral("Test tenant ") + slug;
    s.model = model;
    s.shard = shard;
    s.templateName = QStringLiteral("store");
    s.domains = {slug + QStringLiteral(".prov.example.com")};
    return s;
}

inline void expectError(const std::function<void()>& call, PgError::Kind kind, const QString& part)
{
    try {
        call();
    } catch (const PgError& e) {
        QVERIFY2(e.kind() == kind, qPrintable(QStringLiteral("kind %1: %2").arg(int(e.kind())).arg(e.text())));
        QVERIFY2(e.text().contains(part), qPrintable(e.text()));
        return;
    }
    QFAIL(qPrintable(QStringLiteral("no error; expected one with \"%1\"").arg(part)));
}

// Provisions s on the shared fleet and "kills" the process when it reaches step: a
// std::runtime_error, not a PgError, so nothing after it runs, as when the process dies there.
// Returns whether it was killed there (false: it ran through).
inline bool provisionKilledAt(const TenantSpec& s, ProvisionStep step)
{
    AdminFleet fleet;
    TenantProvisioner provisioner(fleet.catalog, fleet.shards);
    provisioner.setStepHook([step](ProvisionStep now) {
        if (now == step)
            throw std::runtime_error("killed");
    });
    try {
        provisioner.provision(s);
    } catch (const std::runtime_error&) {
        return true;
    }
    return false;
}

// What the catalog says about a slug: its state, or empty when it has no row.
inline QString catalogState(PgConnection& catalog, const QString& slug)
{
    const PgResult r = catalog.exec(QStringLiteral("SELECT state FROM tenantdesk.tenants WHERE slug = $1"), {slug});
    return r.rows() ? r.text(0, 0) : QString();
}

// Whether the tenant's schema (in the connection's database) or database (on its server) exists.
inline bool schemaExists(PgConnection& shard, const QString& slug)
{
    return shard
        .exec(QStringLiteral("SELECT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = $1)"),
              {TenantNames::schemaName(slug)})
        .toBool(0, 0);
}

inline bool databaseExists(PgConnection& shard, const QString& slug)
{
    return shard
        .exec(QStringLiteral("SELECT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = $1)"),
              {TenantNames::databaseName(slug)})
        .toBool(0, 0);
}

// Deletes the tenants a test made, those that still exist; a failure is only a warning, so that
// one stuck tenant does not hide the test's own result.
inline void removeTenants(const QStringList& slugs)
{
    AdminFleet fleet;
    TenantLifecycle lifecycle(fleet.catalog, fleet.shards);
    for (const QString& slug : slugs) {
        try {
            if (ManagedTenants::find(fleet.catalog, slug))
                lifecycle.remove(slug, slug, 0, QStringLiteral("test cleanup"));
        } catch (const PgError& e) {
            qWarning("could not remove %s: %s", qPrintable(slug), e.what());
        }
    }
}

} // namespace ProvisionTestKit
