#include "FaultProxy.h"
#include "ProvisionTestKit.h"
#include "lifecycle/TenantReconciler.h"
#include "provision/BatchProvisioner.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantProvisioner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <stdexcept>
#include <thread>

using namespace ProvisionTestKit;

// A COMMIT the server executed but whose answer never reached TenantDesk (FaultProxy cuts the
// catalog connection right after it) is an unknown outcome, not a failure: TenantDesk reads back
// what happened before undoing anything, and when it cannot, undoes nothing and says so. Before,
// a lost activation answer dropped the new tenant's schema while the catalog said 'active'.
class TestCommitOutcome : public QObject {
    Q_OBJECT

    struct Result {
        QString error; // empty: no error
        PgError::Kind kind = PgError::Kind::Query;
        QStringList notes;
        int cuts = 0;
    };

    // Creates the tenant with the catalog connection through a proxy that cuts it after the
    // run's Nth COMMIT (1: the claim, 2: the activation). hook: the provisioner's step hook.
    static Result provisionCut(const TenantSpec& s, int commit, const TenantProvisioner::StepHook& hook = {})
    {
        Result result;
        FaultProxy proxy(TestFleet::catalogParams());
        AdminFleet fleet(proxy.params());
        TenantProvisioner provisioner(fleet.catalog, fleet.shards);
        provisioner.setStepHook(hook);
        const ProvisionPlan plan = provisioner.plan(s);
        proxy.cutAfterCommit(commit);
        try {
            provisioner.run(plan);
        } catch (const PgError& e) {
            result.error = e.text();
            result.kind = e.kind();
        }
        result.notes = provisioner.notes();
        result.cuts = proxy.cuts();
        return result;
    }

    static bool objectsExist(const QString& slug, IsolationModel model)
    {
        PgConnection shard;
        shard.open(TestFleet::shardParams(1).withSafeDefaults());
        switch (model) {
        case IsolationModel::Schema:
            return schemaExists(shard, slug);
        case IsolationModel::Database:
            return databaseExists(shard, slug);
        case IsolationModel::Shared:
            return true;
        }
        return false;
    }

    static QString state(const QString& slug)
    {
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        return catalogState(catalog, slug);
    }

    static void create(const QString& slug, IsolationModel model)
    {
        AdminFleet fleet;
        TenantProvisioner(fleet.catalog, fleet.shards).provision(spec(slug, model));
    }

    // Runs action on a TenantLifecycle whose catalog connection is cut after its first COMMIT.
    static Result lifecycleCut(const std::function<void(TenantLifecycle&)>& action)
    {
        Result result;
        FaultProxy proxy(TestFleet::catalogParams());
        AdminFleet fleet(proxy.params());
        TenantLifecycle lifecycle(fleet.catalog, fleet.shards);
        proxy.cutAfterCommit(1);
        try {
            action(lifecycle);
        } catch (const PgError& e) {
            result.error = e.text();
            result.kind = e.kind();
        }
        result.cuts = proxy.cuts();
        return result;
    }

    QStringList m_slugs;

private slots:
    void cleanupTestCase() { removeTenants(m_slugs); }

    void activationAnswerLost_data() { modelRows(); }

    // The activation committed; its answer was lost. The tenant is active and whole, and the
    // run says what it read back.
    void activationAnswerLost()
    {
        QFETCH(IsolationModel, model);
        const QString slug = uniqueSlug(QStringLiteral("lostact"));
        m_slugs << slug;
        const Result r = provisionCut(spec(slug, model), 2);
        QCOMPARE(r.cuts, 1);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(state(slug), QStringLiteral("active"));
        QVERIFY(objectsExist(slug, model));
        QCOMPARE(r.notes.size(), 1);
        QVERIFY2(r.notes.constFirst().contains(QLatin1String("\"activate\""))
                     && r.notes.constFirst().contains(QLatin1String("read back")),
                 qPrintable(r.notes.constFirst()));
    }

    // The claim committed; its answer was lost. Not "failed before anything was recorded": the
    // claim is read back and the tenant is created.
    void claimAnswerLost()
    {
        const QString slug = uniqueSlug(QStringLiteral("lostclaim"));
        m_slugs << slug;
        const Result r = provisionCut(spec(slug, IsolationModel::Schema), 1);
        QCOMPARE(r.cuts, 1);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(state(slug), QStringLiteral("active"));
        QVERIFY(objectsExist(slug, IsolationModel::Schema));
        QVERIFY2(r.notes.value(0).contains(QLatin1String("\"claim\"")), qPrintable(r.notes.join(u'\n')));
    }

    // The activation committed and its answer was lost, and by the time the run reconnects another
    // session holds the tenant's lock: nothing can be read back safely. Nothing is undone, and the
    // message says that the outcome is unknown and left for reconcile.
    void activationAnswerLostAndUnreadable()
    {
        const QString slug = uniqueSlug(QStringLiteral("unread"));
        m_slugs << slug;
        PgConnection rival;
        rival.open(TestFleet::catalogParams().withSafeDefaults());
        std::jthread waiter;
        const Result r = provisionCut(spec(slug, IsolationModel::Schema), 2, [&](ProvisionStep step) {
            if (step != ProvisionStep::Activate)
                return;
            // Queued behind the run's lock: it gets the lock the moment the cut session ends.
            waiter = std::jthread([&] {
                rival.exec(QStringLiteral("SELECT pg_advisory_lock(hashtext($1))"), {TenantNames::lockKey(slug)});
            });
            PgConnection watcher;
            watcher.open(TestFleet::catalogParams().withSafeDefaults());
            for (int i = 0; i < 500; ++i) {
                if (watcher
                        .exec(QStringLiteral("SELECT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' "
                                             "AND NOT granted)"))
                        .toBool(0, 0))
                    return;
                QThread::msleep(10);
            }
        });
        waiter.join();
        QCOMPARE(r.cuts, 1);
        QCOMPARE(int(r.kind), int(PgError::Kind::UnknownOutcome));
        QVERIFY2(r.error.contains(QLatin1String("\"activate\" is unknown"))
                     && r.error.contains(QLatin1String("tenantctl reconcile"))
                     && !r.error.contains(QLatin1String("failed at step")),
                 qPrintable(r.error));
        QCOMPARE(state(slug), QStringLiteral("active"));
        QVERIFY(objectsExist(slug, IsolationModel::Schema));
        rival.close();
    }

    // Deleting: the move to 'deleting' committed, its answer was lost. It is read back, and the
    // tenant is purged as asked.
    void deleteAnswerLost()
    {
        const QString slug = uniqueSlug(QStringLiteral("lostdel"));
        m_slugs << slug;
        create(slug, IsolationModel::Schema);
        const Result r = lifecycleCut([&](TenantLifecycle& l) { l.remove(slug, slug, 0); });
        QCOMPARE(r.cuts, 1);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(state(slug), QString());
        QVERIFY(!objectsExist(slug, IsolationModel::Schema));
    }

    // Archiving: the move to 'archived' committed after the dump, its answer was lost.
    void archiveAnswerLost()
    {
        const QString slug = uniqueSlug(QStringLiteral("lostarc"));
        m_slugs << slug;
        create(slug, IsolationModel::Schema);
        QTemporaryDir dir;
        const Result r = lifecycleCut(
            [&](TenantLifecycle& l) { l.archive(slug, dir.path(), OutputFile::Existing::Keep); });
        QCOMPARE(r.cuts, 1);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(state(slug), QStringLiteral("archived"));
    }

    // Reconcile activates a stuck tenant and the answer to that COMMIT is lost: the finding says
    // the outcome is unknown, the run goes on with its catalog connection made again, and the
    // next run finds the tenant active with nothing left to repair.
    void reconcileAnswerLost()
    {
        const QString slug = uniqueSlug(QStringLiteral("lostrec"));
        m_slugs << slug;
        QVERIFY(provisionKilledAt(spec(slug, IsolationModel::Schema), ProvisionStep::Activate));
        TenantReconciler::Options options;
        options.slugPrefix = slug;
        options.stuckMinutes = 0;
        {
            FaultProxy proxy(TestFleet::catalogParams());
            AdminFleet fleet(proxy.params());
            proxy.cutAfterCommit(1);
            TenantReconciler::Report report;
            try {
                report = reconcileSandbox(fleet.catalog, fleet.shards, options);
            } catch (const PgError& e) {
                QFAIL(qPrintable(QStringLiteral("the run stopped: ") + e.text()));
            }
            QCOMPARE(proxy.cuts(), 1);
            QCOMPARE(report.findings.size(), 1);
            QVERIFY2(report.findings.constFirst().outcome.startsWith(QLatin1String("outcome unknown")),
                     qPrintable(report.findings.constFirst().outcome));
        }
        QCOMPARE(state(slug), QStringLiteral("active"));
        AdminFleet fleet;
        QCOMPARE(reconcileSandbox(fleet.catalog, fleet.shards, options).toRepair(), 0);
    }

    // A batch row whose activation answer was lost is created, not failed.
    void batchActivationAnswerLost()
    {
        const QString slug = uniqueSlug(QStringLiteral("lostbatch"));
        m_slugs << slug;
        FaultProxy proxy(TestFleet::catalogParams());
        // The batch reaches the shards with the catalog's credentials: one passfile for the proxy and the
        // shards.
        QTemporaryDir dir;
        const QString passfile = dir.filePath(QStringLiteral("pgpass"));
        {
            QFile out(passfile);
            QVERIFY(out.open(QIODevice::WriteOnly));
            for (const QString& in : {proxy.params().value("passfile"), TestFleet::passfile()}) {
                QFile file(in);
                QVERIFY(file.open(QIODevice::ReadOnly));
                out.write(file.readAll() + '\n');
            }
            out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
        ConnectionParams params = proxy.params().withSafeDefaults();
        params.set("passfile", passfile);
        QList<BatchRow> rows{BatchRow{1, spec(slug, IsolationModel::Schema), {}, JobState::Pending, {}, 0}};
        // The batch's own catalog session only reads; the worker's second COMMIT is the activation.
        proxy.cutAfterCommit(2);
        const CancelToken cancel;
        BatchProvisioner(params, 1).run(rows, {}, cancel);
        QCOMPARE(proxy.cuts(), 1);
        QVERIFY2(rows[0].state == JobState::Done, qPrintable(rows[0].message));
        QCOMPARE(state(slug), QStringLiteral("active"));
        QVERIFY(objectsExist(slug, IsolationModel::Schema));
    }
};

QTEST_GUILESS_MAIN(TestCommitOutcome)
#include "TestCommitOutcome.moc"
