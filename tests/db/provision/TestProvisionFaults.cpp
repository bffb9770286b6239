#include "ProvisionTestKit.h"
#include "TestFleet.h"
#include "lifecycle/TenantLifecycle.h"
#include "lifecycle/TenantReconciler.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantShardObjects.h"

#include <QTest>
#include <QThread>

using namespace ProvisionTestKit;

// A connection cut at every step of creating a tenant of every model (pg_terminate_backend from
// another session, just before the step, or just before a shard transaction's COMMIT): whatever
// the provisioner then manages, a reconcile run leaves either no tenant or a whole one, the
// catalog says which, and a second run finds nothing to repair. Against the shared sandbox,
// on tenants of its own.
class TestProvisionFaults : public QObject {
    Q_OBJECT

    // Ends the session of backend pid on the server that params point at, and waits until it is gone.
    static void terminate(const ConnectionParams& params, int pid)
    {
        PgConnection killer;
        killer.open(params.withSafeDefaults());
        killer.exec(QStringLiteral("SELECT pg_terminate_backend($1)"), {pid});
        for (int i = 0; i < 200; ++i) {
            if (killer.exec(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = $1"), {pid}).toInt(0, 0)
                == 0)
                return;
            QThread::msleep(10);
        }
        QFAIL("the terminated backend did not go away");
    }

    // The whole tenant or nothing of it, as the catalog says.
    static void expectWholeOrNothing(const QString& slug, IsolationModel model)
    {
        AdminFleet fleet;
        PgConnection shard;
        shard.open(TestFleet::shardParams(1).withSafeDefaults());
        const QString state = catalogState(fleet.catalog, slug);
        const bool objects = model == IsolationModel::Schema     ? schemaExists(shard, slug)
                             : model == IsolationModel::Database ? databaseExists(shard, slug)
                                                                 : state == QLatin1String("active");
        QVERIFY2(state.isEmpty() || state == QLatin1String("active") || state == QLatin1String("failed"),
                 qPrintable(state));
        QCOMPARE(objects, state == QLatin1String("active"));
        if (state == QLatin1String("active")) {
            const ManagedTenant t = ManagedTenants::get(fleet.catalog, slug);
            QVERIFY(TenantShardObjects::appAllowed(fleet.shards, t));
            QCOMPARE(TenantShardObjects::madeByProvisioner(fleet.shards, t), model != IsolationModel::Shared);
        }
    }

    static TenantReconciler::Report reconcile(const QString& slug)
    {
        AdminFleet fleet;
        TenantReconciler::Options options;
        options.slugPrefix = slug;
        options.stuckMinutes = 0;
        return reconcileSandbox(fleet.catalog, fleet.shards, options);
    }

private slots:
    void cutConnectionAtEveryStep_data()
    {
        QTest::addColumn<IsolationModel>("model");
        QTest::addColumn<ProvisionStep>("step");
        QTest::addColumn<bool>("catalogSide");
        const QList<std::pair<IsolationModel, QList<ProvisionStep>>> steps{
            {IsolationModel::Schema,
             {ProvisionStep::Claim, ProvisionStep::CreateObjects, ProvisionStep::ShardCommit, ProvisionStep::Activate}},
            {IsolationModel::Database,
             {ProvisionStep::Claim, ProvisionStep::CreateObjects, ProvisionStep::ApplyGrants,
              ProvisionStep::ShardCommit, ProvisionStep::Activate}},
            {IsolationModel::Shared,
             {ProvisionStep::Claim, ProvisionStep::CreateObjects, ProvisionStep::ShardCommit,
              ProvisionStep::Activate}}};
        for (const auto& [model, list] : steps) {
            for (ProvisionStep step : list) {
                for (bool catalogSide : {true, false})
                    QTest::addRow("%s %s %s", qPrintable(toString(model)), qPrintable(toString(step)),
                                  catalogSide ? "catalog" : "shard")
                        << model << step << catalogSide;
            }
        }
    }

    void cutConnectionAtEveryStep()
    {
        QFETCH(IsolationModel, model);
        QFETCH(ProvisionStep, step);
        QFETCH(bool, catalogSide);
        const QString slug = uniqueSlug(QStringLiteral("cut"));
        const TenantSpec s = spec(slug, model);
        {
            AdminFleet fleet;
            TenantProvisioner provisioner(fleet.catalog, fleet.shards);
            const ProvisionPlan plan = provisioner.plan(s);
            bool cut = false;
            provisioner.setStepHook([&](ProvisionStep now) {
                if (now != step || cut)
                    return;
                cut = true;
                if (catalogSide)
                    terminate(TestFleet::catalogParams(), PQbackendPID(fleet.catalog.raw()));
                else
                    terminate(TestFleet::shardParams(1),
                              PQbackendPID(fleet.shards.to(plan.shard, plan.shard.tenantDatabase).raw()));
            });
            try {
                provisioner.run(plan);
            } catch (const Failure& e) {
                qInfo("provisioning stopped: %s", qPrintable(e.message().section(u'\n', 0, 1)));
            }
            QVERIFY2(cut, "the step was never reached");
        }
        const TenantReconciler::Report first = reconcile(slug);
        QCOMPARE(first.repaired(), first.toRepair());
        QCOMPARE(first.attention(), 0);
        expectWholeOrNothing(slug, model);
        QCOMPARE(reconcile(slug).toRepair(), 0);

        AdminFleet fleet;
        if (ManagedTenants::find(fleet.catalog, slug))
            TenantLifecycle(fleet.catalog, fleet.shards).remove(slug, slug, 0, QStringLiteral("test cleanup"));
    }
};

QTEST_GUILESS_MAIN(TestProvisionFaults)
#include "TestProvisionFaults.moc"
