#include "ProvisionTestKit.h"
#include "lifecycle/TenantReconciler.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantProvisioner.h"

#include <QTest>
#include <stdexcept>

using namespace ProvisionTestKit;

// What provisioning guarantees beyond all-or-nothing: its commits survive a server crash whatever
// the server's synchronous_commit (the sandbox runs with 'off'), and a database tenant whose
// creation was killed half-way lets nobody in. Against the shared sandbox, on tenants of its own.
class TestProvisionSafety : public QObject {
    Q_OBJECT

    static ConnectionParams superuser(const SandboxServer& server, const QString& dbname)
    {
        return TestFleet::state().params(server, SandboxRoles::superuser, dbname).withSafeDefaults();
    }
    static ConnectionParams catalogSuperuser()
    {
        return superuser(TestFleet::state().catalog(), TestFleet::catalogParams().value("dbname"));
    }
    static ConnectionParams shardSuperuser()
    {
        return superuser(TestFleet::state().primary(1), TestFleet::shardParams(1).value("dbname"));
    }

    // A deferred constraint trigger on table runs inside COMMIT, just before the commit record is
    // written: it records the synchronous_commit that commit runs with, for rows of our tenants.
    static void watchCommits(const ConnectionParams& params, const QString& table, const QString& nameColumn)
    {
        PgConnection c;
        c.open(params);
        c.execScript(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS public.tdtest_commit_setting (tbl text, name text, setting text);"
            "CREATE OR REPLACE FUNCTION public.tdtest_commit_setting() RETURNS trigger LANGUAGE plpgsql "
            "SECURITY DEFINER SET search_path = pg_catalog AS $f$ BEGIN "
            "  IF to_jsonb(NEW) ->> TG_ARGV[0] LIKE 'tdp-sync-%' OR to_jsonb(NEW) ->> TG_ARGV[0] LIKE "
            "'tdp_sync_%' THEN "
            "    INSERT INTO public.tdtest_commit_setting "
            "    VALUES (TG_TABLE_NAME, to_jsonb(NEW) ->> TG_ARGV[0], current_setting('synchronous_commit'));"
            "  END IF; RETURN NULL; END $f$;"));
        c.execScript(QStringLiteral("DROP TRIGGER IF EXISTS tdtest_commit_setting ON %1;"
                                    "CREATE CONSTRAINT TRIGGER tdtest_commit_setting AFTER INSERT OR UPDATE ON %1 "
                                    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                                    "EXECUTE FUNCTION public.tdtest_commit_setting(%2)")
                         .arg(table, nameColumn));
    }

    static void unwatchCommits(const ConnectionParams& params, const QString& table)
    {
        PgConnection c;
        c.open(params);
        c.execScript(QStringLiteral("DROP TRIGGER IF EXISTS tdtest_commit_setting ON %1;"
                                    "DROP FUNCTION IF EXISTS public.tdtest_commit_setting() CASCADE;"
                                    "DROP TABLE IF EXISTS public.tdtest_commit_setting")
                         .arg(table));
    }

    // "table name setting" for every commit recorded on that server.
    static QStringList commitSettings(const ConnectionParams& params)
    {
        PgConnection c;
        c.open(params);
        const PgResult r = c.exec(QStringLiteral("SELECT tbl, name, setting FROM public.tdtest_commit_setting"));
        QStringList rows;
        for (int row = 0; row < r.rows(); ++row)
            rows << QStringLiteral("%1 %2 %3").arg(r.text(row, 0), r.text(row, 1), r.text(row, 2));
        return rows;
    }

    static QString connectError(const ConnectionParams& params)
    {
        try {
            PgConnection c;
            c.open(params);
        } catch (const PgError& e) {
            return e.message();
        }
        return {};
    }

    QStringList m_slugs;
    QString m_stranger = QStringLiteral("tdtest_stranger");

private slots:
    void cleanupTestCase()
    {
        removeTenants(m_slugs);
        try {
            unwatchCommits(catalogSuperuser(), QStringLiteral("tenantdesk.tenants"));
            unwatchCommits(shardSuperuser(), QStringLiteral("tenantdesk_shard.template_versions"));
            PgConnection shard;
            shard.open(shardSuperuser());
            shard.execScript(QStringLiteral("DROP ROLE IF EXISTS ") + shard.quoteIdentifier(m_stranger));
        } catch (const PgError& e) {
            qWarning("cleanup: %s", e.what());
        }
    }

    // The sandbox servers run with synchronous_commit = off: a commit TenantDesk reported may
    // then vanish in a crash. Every commit of provisioning and deleting a tenant, on the catalog
    // and on the shard, must run with it on.
    void provisioningCommitsAreDurable()
    {
        PgConnection probe;
        probe.open(TestFleet::catalogParams().withSafeDefaults());
        QCOMPARE(probe.exec(QStringLiteral("SHOW synchronous_commit")).text(0, 0), QStringLiteral("off"));

        // The shard's TenantDesk records (and their table) come with its first tenant.
        const QString first = uniqueSlug(QStringLiteral("first"));
        m_slugs << first;
        {
            AdminFleet fleet;
            TenantProvisioner(fleet.catalog, fleet.shards).provision(spec(first, IsolationModel::Schema));
        }
        watchCommits(catalogSuperuser(), QStringLiteral("tenantdesk.tenants"), QStringLiteral("slug"));
        watchCommits(shardSuperuser(), QStringLiteral("tenantdesk_shard.template_versions"),
                     QStringLiteral("schema_name"));
        const QString slug = uniqueSlug(QStringLiteral("sync"));
        m_slugs << slug;
        {
            AdminFleet fleet;
            TenantProvisioner(fleet.catalog, fleet.shards).provision(spec(slug, IsolationModel::Schema));
            TenantLifecycle(fleet.catalog, fleet.shards).suspend(slug, QStringLiteral("durability test"));
        }
        const QStringList catalogCommits = commitSettings(catalogSuperuser());
        const QStringList shardCommits = commitSettings(shardSuperuser());
        // claim (insert), activate and suspend (updates); the schema's ledger row
        QCOMPARE(catalogCommits.size(), 3);
        QCOMPARE(shardCommits.size(), 1);
        for (const QString& commit : catalogCommits + shardCommits)
            QVERIFY2(commit.endsWith(QLatin1String(" on")), qPrintable(commit));
    }

    // A database tenant whose creation is killed after CREATE DATABASE, before its grants: no
    // role may connect to what it left (PUBLIC may connect to a new database by default), not
    // even support; reconcile then finishes it, and only the granted roles get in.
    void killedDatabaseCreateLetsNobodyIn()
    {
        const QString slug = uniqueSlug(QStringLiteral("closed"));
        m_slugs << slug;
        QVERIFY(provisionKilledAt(spec(slug, IsolationModel::Database), ProvisionStep::ApplyGrants));
        PgConnection shard;
        shard.open(shardSuperuser());
        QVERIFY(databaseExists(shard, slug));
        shard.execScript(QStringLiteral("DROP ROLE IF EXISTS %1; CREATE ROLE %1 LOGIN PASSWORD 'stranger'")
                             .arg(shard.quoteIdentifier(m_stranger)));
        const QString database = TenantNames::databaseName(slug);
        ConnectionParams stranger = TestFleet::shardParams(1, m_stranger, database).withSafeDefaults();
        stranger.set("password", QStringLiteral("stranger"));
        const QString strangerError = connectError(stranger);
        QVERIFY2(!strangerError.isEmpty(), "another role connected to the half-created database");
        QVERIFY2(connectError(TestFleet::supportParams(1, database).withSafeDefaults()).size() > 0,
                 "support connected before provisioning finished");

        AdminFleet fleet;
        QCOMPARE(catalogState(fleet.catalog, slug), QStringLiteral("provisioning"));
        TenantReconciler::Options options;
        options.slugPrefix = slug;
        options.stuckMinutes = 0;
        const TenantReconciler::Report report = reconcileSandbox(fleet.catalog, fleet.shards, options);
        QCOMPARE(report.repaired(), 1);
        QCOMPARE(catalogState(fleet.catalog, slug), QStringLiteral("active"));
        QCOMPARE(connectError(TestFleet::supportParams(1, database).withSafeDefaults()), QString());
        QCOMPARE(connectError(TestFleet::appParams(1, database).withSafeDefaults()), QString());
        QVERIFY(!connectError(stranger).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestProvisionSafety)
#include "TestProvisionSafety.moc"
