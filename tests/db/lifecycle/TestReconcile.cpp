#include "ProvisionTestKit.h"
#include "TestFleet.h"
#include "lifecycle/TenantLifecycle.h"
#include "lifecycle/TenantReconciler.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantShardObjects.h"

#include <QTest>

using namespace ProvisionTestKit;

// Reconcile against the shared sandbox, each test scoped to its own slugs (--prefix) so that it
// neither sees nor repairs another test's tenants: what it repairs, what it only reports, that a
// dry run changes nothing, and that a second run finds nothing more to repair.
class TestReconcile : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    PgConnection m_shard1;
    std::unique_ptr<ShardConnections> m_shards;
    QStringList m_created;

    TenantReconciler::Report reconcile(const QString& prefix, bool dryRun = false, int stuckMinutes = 10)
    {
        TenantReconciler::Options options;
        options.dryRun = dryRun;
        options.slugPrefix = prefix;
        options.stuckMinutes = stuckMinutes;
        return reconcileSandbox(m_catalog, *m_shards, options);
    }

    QString provision(const QString& purpose, IsolationModel model, const QString& shard = QStringLiteral("shard-1"))
    {
        const QString slug = uniqueSlug(purpose);
        m_created.append(slug);
        TenantProvisioner(m_catalog, *m_shards).provision(spec(slug, model, shard));
        return slug;
    }

    // Puts a tenant back into a state, as if an earlier run had stopped there an hour ago.
    void setState(const QString& slug, const QString& state)
    {
        m_catalog.exec(
            QStringLiteral("UPDATE tenantdesk.tenants SET state = $2, updated_at = now() - interval '1 hour' "
                           "WHERE slug = $1"),
            {slug, state});
    }

    static QString kinds(const TenantReconciler::Report& report)
    {
        QStringList list;
        for (const ReconcileFinding& f : report.findings)
            list << QStringLiteral("%1/%2/%3").arg(int(f.kind)).arg(int(f.action)).arg(f.repaired);
        return list.join(u' ');
    }

    void expectConverged(const QString& prefix)
    {
        const TenantReconciler::Report again = reconcile(prefix, false, 0);
        QVERIFY2(again.toRepair() == 0, qPrintable(kinds(again)));
    }

private slots:
    void initTestCase()
    {
        openAdminFleet(m_catalog, m_shards);
        m_shard1.open(TestFleet::shardParams(1).withSafeDefaults());
    }

    void cleanupTestCase() { removeTenants(m_created); }

    void healthyTenantsNeedNothing()
    {
        const QString slug = provision(QStringLiteral("ok"), IsolationModel::Schema);
        const TenantReconciler::Report report = reconcile(slug);
        QVERIFY2(report.findings.isEmpty(), qPrintable(kinds(report)));
    }

    void orphansAreReportedNotTouched()
    {
        const QString slug = uniqueSlug(QStringLiteral("orphan"));
        const QString schema = TenantNames::schemaName(slug), database = TenantNames::databaseName(slug);
        m_shard1.execScript(QStringLiteral("SET ROLE tenantdesk_owner; CREATE SCHEMA %1; RESET ROLE")
                                .arg(m_shard1.quoteIdentifier(schema)));
        m_shard1.execScript(
            QStringLiteral("CREATE DATABASE %1 OWNER tenantdesk_owner").arg(m_shard1.quoteIdentifier(database)));
        const TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.findings.size(), 2);
        for (const ReconcileFinding& f : report.findings) {
            QVERIFY(f.kind == ReconcileFinding::Kind::Orphan);
            QVERIFY(!f.needsRepair());
        }
        QVERIFY(schemaExists(m_shard1, slug));
        QVERIFY(databaseExists(m_shard1, slug));
        m_shard1.execScript(QStringLiteral("DROP SCHEMA %1").arg(m_shard1.quoteIdentifier(schema)));
        m_shard1.execScript(QStringLiteral("DROP DATABASE %1").arg(m_shard1.quoteIdentifier(database)));
    }

    // TenantDesk's template databases (tenant_template_<name>_v<n>, left on a shard by the first
    // database tenant of a template version) begin like tenant databases: never orphans to drop.
    void templateDatabasesAreNoOrphans()
    {
        const QString name = uniqueSlug(QStringLiteral("tpl"));
        const QString database = TenantNames::templateDatabase(name, 1);
        m_shard1.execScript(
            QStringLiteral("CREATE DATABASE %1 OWNER tenantdesk_owner").arg(m_shard1.quoteIdentifier(database)));
        // The prefix every tenant database whose name begins like it would be matched by.
        const TenantReconciler::Report report = reconcile(QStringLiteral("template_") + TenantNames::identifier(name));
        m_shard1.execScript(QStringLiteral("DROP DATABASE %1").arg(m_shard1.quoteIdentifier(database)));
        QVERIFY2(report.findings.isEmpty(), qPrintable(kinds(report)));
    }

    void stuckProvisioningIsFinishedWhenComplete_data() { modelRows(); }

    void stuckProvisioningIsFinishedWhenComplete()
    {
        QFETCH(IsolationModel, model);
        const QString slug = provision(QStringLiteral("stuck"), model);
        setState(slug, QStringLiteral("provisioning"));
        const TenantReconciler::Report dry = reconcile(slug, true);
        QCOMPARE(dry.toRepair(), 1);
        QCOMPARE(dry.repaired(), 0);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("provisioning"));
        const TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.repaired(), 1);
        QVERIFY(report.findings.constFirst().action == ReconcileFinding::Action::Activate);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
        expectConverged(slug);
    }

    void stuckProvisioningWithNothingIsMarkedFailed()
    {
        const QString slug = provision(QStringLiteral("empty"), IsolationModel::Database);
        m_shards->closeAll();
        m_shard1.execScript(
            QStringLiteral("DROP DATABASE %1").arg(m_shard1.quoteIdentifier(TenantNames::databaseName(slug))));
        setState(slug, QStringLiteral("provisioning"));
        const TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.repaired(), 1);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("failed"));
        expectConverged(slug);
    }

    void recentProvisioningIsLeftAlone()
    {
        const QString slug = provision(QStringLiteral("young"), IsolationModel::Schema);
        m_catalog.exec(QStringLiteral("UPDATE tenantdesk.tenants SET state = 'provisioning' WHERE slug = $1"), {slug});
        QVERIFY(reconcile(slug).findings.isEmpty());
        // ... and one whose provisioner still holds its lock, however old.
        setState(slug, QStringLiteral("provisioning"));
        PgConnection other;
        other.open(TestFleet::catalogParams().withSafeDefaults());
        other.exec(QStringLiteral("SELECT pg_advisory_lock(hashtext($1))"), {TenantNames::lockKey(slug)});
        const TenantReconciler::Report busy = reconcile(slug);
        QCOMPARE(busy.repaired(), 0);
        QVERIFY(busy.findings.constFirst().outcome.contains(QLatin1String("another session")));
        other.close();
        QCOMPARE(reconcile(slug).repaired(), 1);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
    }

    void failedLeftoversAreDropped()
    {
        const QString slug = provision(QStringLiteral("left"), IsolationModel::Database);
        setState(slug, QStringLiteral("failed"));
        const TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.repaired(), 1);
        QVERIFY(!databaseExists(m_shard1, slug));
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("failed"));
        expectConverged(slug);
    }

    void accessIsMadeToMatchTheCatalog()
    {
        const QString slug = provision(QStringLiteral("access"), IsolationModel::Schema);
        TenantLifecycle(m_catalog, *m_shards).suspend(slug);
        const ManagedTenant t = ManagedTenants::get(m_catalog, slug);
        QVERIFY(!TenantShardObjects::appAllowed(*m_shards, t));
        // Someone grants the application access by hand.
        m_shard1.execScript(
            QStringLiteral("SET ROLE tenantdesk_owner; GRANT USAGE ON SCHEMA %1 TO tenantdesk_app; RESET ROLE")
                .arg(m_shard1.quoteIdentifier(t.schemaName)));
        QVERIFY(TenantShardObjects::appAllowed(*m_shards, t));
        const TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.repaired(), 1);
        QVERIFY(report.findings.constFirst().kind == ReconcileFinding::Kind::AccessDrift);
        QVERIFY(!TenantShardObjects::appAllowed(*m_shards, t));
        expectConverged(slug);
    }

    void dueDeletionsArePurged()
    {
        const QString slug = provision(QStringLiteral("purge"), IsolationModel::Shared);
        TenantLifecycle(m_catalog, *m_shards).remove(slug, slug, 3600);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("deleting"));
        QVERIFY(reconcile(slug).findings.isEmpty()); // kept for an hour
        m_catalog.exec(
            QStringLiteral("UPDATE tenantdesk.tenants SET purge_after = now() - interval '1 second' WHERE slug = $1"),
            {slug});
        const TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.repaired(), 1);
        QVERIFY(catalogState(m_catalog, slug).isEmpty());
        expectConverged(slug);
    }

    void missingAndMisplacedTenantsAreReported()
    {
        const QString slug = provision(QStringLiteral("moved"), IsolationModel::Database);
        // The catalog says shard-2 (another server); the database is on shard-1.
        m_catalog.exec(QStringLiteral("UPDATE tenantdesk.tenants SET shard_id = (SELECT id FROM tenantdesk.shards "
                                      "WHERE name = 'shard-2') WHERE slug = $1"),
                       {slug});
        TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.findings.size(), 1);
        QVERIFY(report.findings.constFirst().kind == ReconcileFinding::Kind::WrongShard);
        QVERIFY(!report.findings.constFirst().needsRepair());
        m_catalog.exec(QStringLiteral("UPDATE tenantdesk.tenants SET shard_id = (SELECT id FROM tenantdesk.shards "
                                      "WHERE name = 'shard-1') WHERE slug = $1"),
                       {slug});
        m_shards->closeAll();
        m_shard1.execScript(
            QStringLiteral("DROP DATABASE %1").arg(m_shard1.quoteIdentifier(TenantNames::databaseName(slug))));
        report = reconcile(slug);
        QCOMPARE(report.findings.size(), 1);
        QVERIFY(report.findings.constFirst().kind == ReconcileFinding::Kind::Missing);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active")); // reported, not changed
    }
};

QTEST_GUILESS_MAIN(TestReconcile)
#include "TestReconcile.moc"
