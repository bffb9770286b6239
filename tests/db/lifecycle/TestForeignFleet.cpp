#include "ExpectInputError.h"
#include "ProvisionTestKit.h"
#include "ScratchDatabase.h"
#include "TestFleet.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/FleetRoles.h"
#include "lifecycle/TenantLifecycle.h"
#include "lifecycle/TenantReconciler.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantShardObjects.h"

#include <QTemporaryDir>
#include <QTest>

using namespace ProvisionTestKit;

// Suspend, resume, archive, reconcile and delete on a fleet TenantDesk did not make, built here on
// shard 1 of the sandbox and registered in a catalog of its own (a scratch database, so that its
// role names reach no other test): application roles of their own names (shop_web, and one with
// quotes and a space), a schema tenant whose schema (a hostile name) and tables the application
// role owns, and a database tenant acme_db (no tenant_ prefix) owned by it, with a session of it
// open. Every lockout is proved by logging in as each application role.
class TestForeignFleet : public QObject {
    Q_OBJECT

    const QString m_web = QStringLiteral("shop_web");
    const QString m_api = QStringLiteral("shop api's \"v2\"");
    const QString m_billing = QStringLiteral("shop_billing"); // owns a schema the admin cannot act as
    const QString m_password = QStringLiteral("Foreign fleet 1!");
    const QString m_schema = QStringLiteral("acme's \"shop\" {1} $1 --");
    const QString m_database = QStringLiteral("acme_db");
    const QString m_schemaSlug = QStringLiteral("fx-shop");
    const QString m_databaseSlug = QStringLiteral("fx-acme");

    std::unique_ptr<ScratchDatabase> m_catalogDb;
    PgConnection m_catalog;
    PgConnection m_super; // the shard's superuser, in its tenants database
    std::unique_ptr<ShardConnections> m_shards;
    QTemporaryDir m_archives;

    QString q(const QString& name) const { return m_super.quoteIdentifier(name); }

    ConnectionParams loginAs(const QString& role, const QString& database) const
    {
        ConnectionParams p = TestFleet::shardParams(1, role, database).withSafeDefaults();
        p.set("password", m_password);
        return p;
    }

    // What role sees of the tenant's orders: empty when it reads them, else the server's refusal.
    QString reads(const QString& role, bool databaseTenant) const
    {
        try {
            PgConnection c;
            c.open(loginAs(role, databaseTenant ? m_database : TestFleet::state().primary(1).database));
            c.exec(QStringLiteral("SELECT count(*) FROM %1.orders")
                       .arg(databaseTenant ? QStringLiteral("public") : c.quoteIdentifier(m_schema)));
        } catch (const PgError& e) {
            return e.message();
        }
        return {};
    }

    // The owner and privileges of the schema or database, in a form that compares equal when the
    // access is the same (a NULL ACL and its explicit defaults are the same access).
    QString access(bool databaseTenant)
    {
        const QString entries = QStringLiteral("string_agg(a.grantee::regrole::text || '=' || a.privilege_type, ', ' "
                                               "ORDER BY a.grantee::regrole::text, a.privilege_type)");
        return m_super
            .exec(databaseTenant
                      ? QStringLiteral("SELECT pg_get_userbyid(d.datdba) || ': ' || %1 FROM pg_database d, "
                                       "aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a "
                                       "WHERE d.datname = $1 GROUP BY d.datdba")
                            .arg(entries)
                      : QStringLiteral("SELECT pg_get_userbyid(n.nspowner) || ': ' || %1 FROM pg_namespace n, "
                                       "aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a "
                                       "WHERE n.nspname = $1 GROUP BY n.nspowner")
                            .arg(entries),
                  {databaseTenant ? m_database : m_schema})
            .text(0, 0);
    }

    void registerTenant(const QString& slug, IsolationModel model, const QString& name)
    {
        m_catalog.exec(QStringLiteral("INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, "
                                      "schema_name, database_name, state) SELECT $1, $1, $2, id, $3, $4, 'active' "
                                      "FROM tenantdesk.shards WHERE name = 'shop-1'"),
                       {slug, toString(model), model == IsolationModel::Schema ? QVariant(name) : QVariant(),
                        model == IsolationModel::Database ? QVariant(name) : QVariant()});
    }

    QString state(const QString& slug) { return catalogState(m_catalog, slug); }

    void dropFleet()
    {
        m_super.execScript(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(q(m_database)));
        for (const QString& role : {m_web, m_api, m_billing}) {
            if (m_super.exec(QStringLiteral("SELECT FROM pg_roles WHERE rolname = $1"), {role}).rows() == 0)
                continue;
            // Its objects and grants go in the tenants database; the role goes from the server.
            m_super.execScript(QStringLiteral("DROP OWNED BY %1 CASCADE").arg(q(role)));
            m_super.execScript(QStringLiteral("DROP ROLE %1").arg(q(role)));
        }
    }

private slots:
    void initTestCase()
    {
        m_super.open(TestFleet::shardParams(1, SandboxRoles::superuser).withSafeDefaults());
        dropFleet(); // what an interrupted run left
        // The application's roles and objects, made as an application makes them: by itself.
        for (const QString& role : {m_web, m_api}) {
            m_super.transaction([&] {
                m_super.exec(QStringLiteral("SELECT set_config('foreign.role', $1, true), "
                                            "set_config('foreign.password', $2, true)"),
                             {role, m_password});
                m_super.execScript(QStringLiteral(
                    "DO $$ BEGIN EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', current_setting('foreign.role'), "
                    "current_setting('foreign.password')); END $$"));
            });
        }
        m_super.execScript(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(q(m_billing)));
        m_super.execScript(QStringLiteral("GRANT CREATE ON DATABASE %1 TO %2")
                               .arg(q(TestFleet::state().primary(1).database), q(m_web)));
        m_super.execScript(QStringLiteral("CREATE DATABASE %1 OWNER %2").arg(q(m_database), q(m_web)));
        {
            PgConnection web;
            web.open(loginAs(m_web, TestFleet::state().primary(1).database));
            web.execScript(
                QStringLiteral("CREATE SCHEMA %1; CREATE TABLE %1.orders (id int PRIMARY KEY, total numeric);"
                               "INSERT INTO %1.orders VALUES (1, 9.5), (2, 12);"
                               "GRANT USAGE ON SCHEMA %1 TO %2; GRANT SELECT ON %1.orders TO %2")
                    .arg(web.quoteIdentifier(m_schema), web.quoteIdentifier(m_api)));
            PgConnection webDb;
            webDb.open(loginAs(m_web, m_database));
            webDb.execScript(QStringLiteral("CREATE TABLE public.orders (id int PRIMARY KEY, total numeric);"
                                            "INSERT INTO public.orders VALUES (1, 3);"
                                            "GRANT SELECT ON public.orders TO %1")
                                 .arg(webDb.quoteIdentifier(m_api)));
        }
        // What TenantDesk's admin needs to act for the application's role (what the refusal says).
        m_super.execScript(QStringLiteral("GRANT %1 TO %2").arg(q(m_web), q(SandboxRoles::admin)));

        // Its catalog: the fleet's roles, one shard on the sandbox's shard 1, the two tenants.
        m_catalogDb = std::make_unique<ScratchDatabase>(QStringLiteral("foreign"));
        m_catalog.open(m_catalogDb->params());
        CatalogMigrator::migrate(m_catalog);
        m_catalog.exec(QStringLiteral("UPDATE tenantdesk.fleet_roles SET app_roles = ARRAY[$1, $2]"), {m_web, m_api});
        m_catalog.exec(QStringLiteral("WITH s AS (INSERT INTO tenantdesk.shards (name, tenant_database) "
                                      "VALUES ('shop-1', $1) RETURNING id) INSERT INTO tenantdesk.endpoints "
                                      "(shard_id, role, host, port) SELECT id, 'primary', $2, $3 FROM s"),
                       {TestFleet::state().primary(1).database, TestFleet::shardParams(1).value("host"),
                        TestFleet::state().primary(1).port});
        registerTenant(m_schemaSlug, IsolationModel::Schema, m_schema);
        registerTenant(m_databaseSlug, IsolationModel::Database, m_database);
        const FleetRoles roles = FleetRoles::load(m_catalog);
        QCOMPARE(roles.apps, QStringList({m_web, m_api}));
        m_shards = std::make_unique<ShardConnections>(m_catalogDb->params(), roles);
        QVERIFY(m_archives.isValid());
    }

    void cleanupTestCase()
    {
        m_shards.reset();
        m_catalog.close();
        m_catalogDb.reset();
        try {
            dropFleet();
        } catch (const PgError& e) {
            qWarning("could not remove the foreign fleet: %s", e.what());
        }
    }

    void suspendLocksOutEveryApplicationRole()
    {
        for (const QString& role : {m_web, m_api}) {
            QCOMPARE(reads(role, false), QString());
            QCOMPARE(reads(role, true), QString());
        }
        const QString schemaBefore = access(false), databaseBefore = access(true);
        PgConnection open; // the application's session on its database, open while it is suspended
        open.open(loginAs(m_web, m_database));
        QCOMPARE(open.exec(QStringLiteral("SELECT count(*) FROM public.orders")).toInt(0, 0), 1);

        TenantLifecycle lifecycle(m_catalog, *m_shards);
        lifecycle.suspend(m_schemaSlug, QStringLiteral("unpaid"));
        lifecycle.suspend(m_databaseSlug, QStringLiteral("unpaid"));
        QCOMPARE(state(m_schemaSlug), QStringLiteral("suspended"));
        QCOMPARE(state(m_databaseSlug), QStringLiteral("suspended"));
        for (const QString& role : {m_web, m_api}) {
            QVERIFY2(reads(role, false).contains(QLatin1String("permission denied for schema")),
                     qPrintable(reads(role, false)));
            QVERIFY2(reads(role, true).contains(QLatin1String("permission denied for database")),
                     qPrintable(reads(role, true)));
        }
        try {
            open.exec(QStringLiteral("SELECT 1"));
            QFAIL("the application's open session on the suspended database is still there");
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::Connection);
        }
        for (const QString& slug : {m_schemaSlug, m_databaseSlug})
            QVERIFY(!TenantShardObjects::appAllowed(*m_shards, ManagedTenants::get(m_catalog, slug)));

        lifecycle.resume(m_schemaSlug);
        lifecycle.resume(m_databaseSlug);
        QCOMPARE(state(m_schemaSlug), QStringLiteral("active"));
        for (const QString& role : {m_web, m_api}) {
            QCOMPARE(reads(role, false), QString());
            QCOMPARE(reads(role, true), QString());
        }
        // Exactly the access it had: the owner back, and the same grants.
        QCOMPARE(access(false), schemaBefore);
        QCOMPARE(access(true), databaseBefore);
    }

    void refusesUpFrontWhatTheAdminCannotDo_data()
    {
        QTest::addColumn<QString>("owner");
        QTest::addColumn<QString>("fix");
        QTest::newRow("a role the admin is not a member of")
            << m_billing << QStringLiteral("GRANT \"shop_billing\" TO \"tenantdesk_admin\";");
        QTest::newRow("a superuser") << SandboxRoles::superuser
                                     << QStringLiteral(
                                            "ALTER SCHEMA \"billing-postgres\" OWNER TO \"tenantdesk_owner\";");
    }

    void refusesUpFrontWhatTheAdminCannotDo()
    {
        QFETCH(QString, owner);
        QFETCH(QString, fix);
        const QString schema = QStringLiteral("billing-") + owner, slug = QStringLiteral("billing-") + owner.left(4);
        m_super.execScript(QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION %2; GRANT USAGE ON SCHEMA %1 TO %3")
                               .arg(q(schema), q(owner), q(m_web)));
        registerTenant(slug, IsolationModel::Schema, schema);
        const auto audits = [&] {
            return m_catalog.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE slug = $1"), {slug})
                .toInt(0, 0);
        };
        const QString before = m_super
                                   .exec(QStringLiteral("SELECT nspacl::text FROM pg_namespace WHERE nspname = $1"),
                                         {schema})
                                   .text(0, 0);
        expectInputError([&] { TenantLifecycle(m_catalog, *m_shards).suspend(slug); }, fix);
        QCOMPARE(state(slug), QStringLiteral("active"));
        QCOMPARE(audits(), 0);
        QCOMPARE(m_super.exec(QStringLiteral("SELECT nspacl::text FROM pg_namespace WHERE nspname = $1"), {schema})
                     .text(0, 0),
                 before);
        QCOMPARE(reads(m_web, false), QString()); // its other tenant is untouched too
        m_catalog.exec(QStringLiteral("DELETE FROM tenantdesk.tenants WHERE slug = $1"), {slug});
        m_super.execScript(QStringLiteral("DROP SCHEMA %1").arg(q(schema)));
    }

    void suspensionThatDoesNotHoldIsAFailure()
    {
        // A grant the owner did not make (shop_billing passed its grant option on): revoking as the
        // owner leaves it, and the check after revoking sees it.
        const QString schema = QStringLiteral("resold");
        m_super.execScript(QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION %2; GRANT USAGE ON SCHEMA %1 TO %3 WITH "
                                          "GRANT OPTION; SET ROLE %3; GRANT USAGE ON SCHEMA %1 TO %4; RESET ROLE")
                               .arg(q(schema), q(SandboxRoles::owner), q(m_billing), q(m_api)));
        registerTenant(QStringLiteral("resold"), IsolationModel::Schema, schema);
        expectError([&] { TenantLifecycle(m_catalog, *m_shards).suspend(QStringLiteral("resold")); },
                    PgError::Kind::Query, QStringLiteral("could still reach"));
        QCOMPARE(state(QStringLiteral("resold")), QStringLiteral("active"));
        QVERIFY(TenantShardObjects::appAllowed(*m_shards, ManagedTenants::get(m_catalog, QStringLiteral("resold"))));
        m_catalog.exec(QStringLiteral("DELETE FROM tenantdesk.tenants WHERE slug = 'resold'"));
        m_super.execScript(QStringLiteral("DROP SCHEMA %1").arg(q(schema)));
    }

    void archiveThenReconcileFindsNothing()
    {
        TenantLifecycle lifecycle(m_catalog, *m_shards);
        for (const QString& slug : {m_schemaSlug, m_databaseSlug}) {
            const TenantArchiver::Result archived = lifecycle.archive(slug, m_archives.path(),
                                                                      OutputFile::Existing::Keep);
            QVERIFY(archived.bytes > 0);
            QCOMPARE(state(slug), QStringLiteral("archived"));
        }
        for (const QString& role : {m_web, m_api}) {
            QVERIFY(!reads(role, false).isEmpty());
            QVERIFY(!reads(role, true).isEmpty());
        }
        TenantReconciler::Options options;
        options.dryRun = true;
        options.slugPrefix = QStringLiteral("fx");
        const TenantReconciler::Report report = TenantReconciler(m_catalog, *m_shards).run(options);
        QStringList seen;
        for (const ReconcileFinding& f : report.findings)
            seen << f.object + QStringLiteral(": ") + f.description;
        QVERIFY2(report.findings.isEmpty(), qPrintable(seen.join(u'\n')));
    }

    void reconcileRepairsDriftAndLeavesTheApplicationsOwnAlone()
    {
        // Someone lets the application back into the archived schema behind TenantDesk's back, and
        // the application has a schema of its own that no tenant is recorded for.
        const QString stray = QStringLiteral("fx-stray");
        m_super.execScript(QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(q(m_schema), q(m_web)));
        m_super.execScript(QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION %2").arg(q(stray), q(m_web)));
        QCOMPARE(reads(m_web, false), QString());
        TenantReconciler::Options options;
        options.slugPrefix = QStringLiteral("fx");
        TenantReconciler::Report report = TenantReconciler(m_catalog, *m_shards).run(options);
        QCOMPARE(report.findings.size(), 2);
        for (const ReconcileFinding& f : report.findings) {
            if (f.kind == ReconcileFinding::Kind::AccessDrift) {
                QCOMPARE(f.slug, m_schemaSlug);
                QVERIFY2(f.repaired, qPrintable(f.outcome));
            } else {
                QCOMPARE(f.kind, ReconcileFinding::Kind::Orphan);
                QCOMPARE(f.object, QStringLiteral("schema ") + stray);
                QVERIFY2(f.description.contains(QLatin1String("unregistered")), qPrintable(f.description));
                QVERIFY2(!f.description.contains(QLatin1String("drop"), Qt::CaseInsensitive),
                         qPrintable(f.description));
                QVERIFY(!f.needsRepair());
            }
        }
        QVERIFY2(reads(m_web, false).contains(QLatin1String("permission denied for schema")),
                 qPrintable(reads(m_web, false)));
        report = TenantReconciler(m_catalog, *m_shards).run(options);
        QCOMPARE(report.findings.size(), 1); // the application's own schema, left as it is
        QCOMPARE(
            m_super.exec(QStringLiteral("SELECT count(*) FROM pg_namespace WHERE nspname = $1"), {stray}).toInt(0, 0),
            1);
        m_super.execScript(QStringLiteral("DROP SCHEMA %1").arg(q(stray)));
    }

    void deleteDropsWhatTheApplicationMade()
    {
        TenantLifecycle lifecycle(m_catalog, *m_shards);
        for (const QString& slug : {m_schemaSlug, m_databaseSlug})
            lifecycle.remove(slug, slug, 0);
        QCOMPARE(m_super.exec(QStringLiteral("SELECT count(*) FROM pg_namespace WHERE nspname = $1"), {m_schema})
                     .toInt(0, 0),
                 0);
        QCOMPARE(m_super.exec(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = $1"), {m_database})
                     .toInt(0, 0),
                 0);
        QCOMPARE(state(m_schemaSlug), QString());
    }
};

QTEST_GUILESS_MAIN(TestForeignFleet)
#include "TestForeignFleet.moc"
