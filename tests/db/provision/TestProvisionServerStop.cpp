#include "PrivateSandbox.h"
#include "ProvisionTestKit.h"
#include "lifecycle/TenantReconciler.h"
#include "pg/PgInstallation.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantShardObjects.h"

#include <QTest>

using namespace ProvisionTestKit;

// A shard or catalog server that stops dead (pg_ctl stop -m immediate) in the middle of creating
// a tenant, including the steps a fresh shard runs once (TenantDesk's records, the shared guard,
// the template database). Stopping servers would break every other test, so this one starts a
// sandbox of its own in a temporary directory and removes it at the end, failed or not.
class TestProvisionServerStop : public QObject {
    Q_OBJECT

    std::unique_ptr<PrivateSandbox> m_sandbox;
    std::optional<SandboxState> m_state;
    ConnectionParams m_catalogParams;

    void stop(const SandboxServer& server)
    {
        PgInstallation::at(m_state->binDir)
            .run({QStringLiteral("pg_ctl"),
                  {QStringLiteral("stop"), QStringLiteral("--wait"), QStringLiteral("--silent"),
                   QStringLiteral("--mode=immediate"), QStringLiteral("--pgdata=") + m_state->dataDir(server)},
                  {},
                  QStringLiteral("stopping ") + server.name},
                 120000);
    }

    void start(const SandboxServer& server)
    {
        PgInstallation::at(m_state->binDir).run(m_state->pgServer(server).start(m_state->logFile(server)), 120000);
    }

    // Runs the provisioning with the server stopped just before the step (or, for ShardCommit,
    // the first shard COMMIT), then starts the server again. Returns the provisioner's error.
    QString provisionWithStop(const TenantSpec& s, ProvisionStep step, const SandboxServer& server)
    {
        PgConnection catalog;
        catalog.open(m_catalogParams);
        ShardConnections shards(m_catalogParams, FleetRoles::standard());
        TenantProvisioner provisioner(catalog, shards);
        bool stopped = false;
        provisioner.setStepHook([&](ProvisionStep now) {
            if (now == step && !stopped) {
                stopped = true;
                stop(server);
            }
        });
        QString error;
        try {
            provisioner.provision(s);
        } catch (const Failure& e) {
            error = e.text();
        }
        if (!stopped)
            return QStringLiteral("the step was never reached");
        start(server);
        return error;
    }

    TenantReconciler::Report reconcile(const QString& slug)
    {
        PgConnection catalog;
        catalog.open(m_catalogParams);
        ShardConnections shards(m_catalogParams, FleetRoles::standard());
        TenantReconciler::Options options;
        options.slugPrefix = slug;
        options.stuckMinutes = 0;
        return TenantReconciler(catalog, shards).run(options);
    }

    QString state(const QString& slug)
    {
        PgConnection catalog;
        catalog.open(m_catalogParams);
        return catalogState(catalog, slug);
    }

    void openShard1(PgConnection& c)
    {
        c.open(m_state->params(m_state->primary(1), SandboxRoles::admin, QStringLiteral("tenants")).withSafeDefaults());
    }

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<PrivateSandbox>(QStringLiteral("tdstop"), 3);
        m_catalogParams = m_sandbox->catalogParams();
        m_state = m_sandbox->state();
    }

    void cleanupTestCase() { m_sandbox.reset(); }

    void shardStopsWhileBuildingTheTemplate()
    {
        const QString slug = uniqueSlug(QStringLiteral("tpl"));
        // The first shard COMMIT of a database tenant on a fresh server is the template's DDL.
        const QString error = provisionWithStop(spec(slug, IsolationModel::Database), ProvisionStep::ShardCommit,
                                                m_state->primary(1));
        // The server went down with the template's COMMIT due. The commit's first round trip (it
        // learns the transaction id) fails, so the COMMIT was never sent and nothing of it can have
        // committed: a plain failure, the tenant failed at once, nothing left for reconcile.
        QVERIFY2(error.contains(QLatin1String("failed at step \"build template database\"")), qPrintable(error));
        QCOMPARE(state(slug), QStringLiteral("failed"));
        QCOMPARE(reconcile(slug).toRepair(), 0);
        // Provisioning it again rebuilds the template from scratch and succeeds.
        PgConnection catalog;
        catalog.open(m_catalogParams);
        ShardConnections shards(m_catalogParams, FleetRoles::standard());
        TenantProvisioner(catalog, shards).provision(spec(slug, IsolationModel::Database));
        QCOMPARE(state(slug), QStringLiteral("active"));
    }

    void shardStopsAfterCreateDatabase()
    {
        const QString slug = uniqueSlug(QStringLiteral("db"));
        const QString error = provisionWithStop(spec(slug, IsolationModel::Database), ProvisionStep::ApplyGrants,
                                                m_state->primary(1));
        QVERIFY2(error.contains(QLatin1String("reconcile")), qPrintable(error));
        QCOMPARE(state(slug), QStringLiteral("failed"));
        PgConnection shard;
        openShard1(shard);
        // The server went away before the database could be dropped again (unless the immediate
        // stop lost its creation too: the sandbox runs with synchronous_commit off).
        const bool leftover = databaseExists(shard, slug);
        const TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.repaired(), leftover ? 1 : 0);
        if (leftover)
            QVERIFY(report.findings.constFirst().kind == ReconcileFinding::Kind::FailedLeftover);
        QVERIFY(!databaseExists(shard, slug));
        QCOMPARE(reconcile(slug).toRepair(), 0);
    }

    void shardStopsBeforeTheSchemaCommits()
    {
        const QString slug = uniqueSlug(QStringLiteral("schema"));
        // The first shard COMMIT on a fresh tenants database is its TenantDesk records; stop at the
        // schema's own COMMIT by preparing the shard first.
        {
            PgConnection catalog;
            catalog.open(m_catalogParams);
            ShardConnections shards(m_catalogParams, FleetRoles::standard());
            TenantProvisioner(catalog, shards)
                .provision(spec(uniqueSlug(QStringLiteral("first")), IsolationModel::Schema));
        }
        const QString error = provisionWithStop(spec(slug, IsolationModel::Schema), ProvisionStep::ShardCommit,
                                                m_state->primary(1));
        // The schema's COMMIT was due when the server went down: the commit's first round trip
        // fails, so the COMMIT was never sent. A plain failure: the tenant is failed at once, the
        // schema was never made, and reconcile has nothing left to do.
        QVERIFY2(error.contains(QLatin1String("failed at step \"create objects\"")), qPrintable(error));
        QCOMPARE(state(slug), QStringLiteral("failed"));
        PgConnection shard;
        openShard1(shard);
        QVERIFY(!schemaExists(shard, slug));
        QCOMPARE(reconcile(slug).toRepair(), 0);
    }

    void shardStopsWhilePreparingSharedTables()
    {
        const QString slug = uniqueSlug(QStringLiteral("shared"));
        const QString error = provisionWithStop(spec(slug, IsolationModel::Shared, QStringLiteral("shard-2")),
                                                ProvisionStep::PrepareShard, m_state->primary(2));
        QVERIFY2(error.contains(QLatin1String("prepare shard")), qPrintable(error));
        QCOMPARE(state(slug), QStringLiteral("failed"));
        QCOMPARE(reconcile(slug).toRepair(), 0);
        PgConnection catalog;
        catalog.open(m_catalogParams);
        ShardConnections shards(m_catalogParams, FleetRoles::standard());
        TenantProvisioner(catalog, shards).provision(spec(slug, IsolationModel::Shared, QStringLiteral("shard-2")));
        QCOMPARE(state(slug), QStringLiteral("active"));
    }

    void catalogStopsBeforeActivation()
    {
        const QString slug = uniqueSlug(QStringLiteral("cat"));
        const QString error = provisionWithStop(spec(slug, IsolationModel::Schema), ProvisionStep::Activate,
                                                m_state->catalog());
        QVERIFY2(error.contains(QLatin1String("stays 'provisioning'")), qPrintable(error));
        // The sandbox runs with synchronous_commit off, but provisioning commits with it on: the
        // claim that committed just before the immediate stop survives it.
        QCOMPARE(state(slug), QStringLiteral("provisioning"));
        const TenantReconciler::Report report = reconcile(slug);
        QCOMPARE(report.repaired(), 1);
        QCOMPARE(state(slug), QStringLiteral("failed"));
        PgConnection shard;
        openShard1(shard);
        QVERIFY(!schemaExists(shard, slug));
        QCOMPARE(reconcile(slug).toRepair(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProvisionServerStop)
#include "TestProvisionServerStop.moc"
