#include "CheckReportRows.h"
#include "ExpectInputError.h"
#include "ProvisionTestKit.h"
#include "ScratchDatabase.h"
#include "TestFleet.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/FleetRoles.h"
#include "fleetadmin/FleetEditor.h"
#include "fleetadmin/FleetListing.h"
#include "fleetadmin/ShardChecker.h"
#include "fleetadmin/ShardPreparer.h"
#include "lifecycle/TenantLifecycle.h"
#include "provision/TenantProvisioner.h"

#include <QRandomGenerator>
#include <QTest>

using CheckReportRows::failures;
using CheckReportRows::find;

using namespace ProvisionTestKit;

// A fleet whose servers each run their own application: shop (the sandbox's shard 1) connects as
// a role with quotes and a space in its name, erp (shard 2) as another; each role exists only on
// its own server. Registered in a catalog of its own (a scratch database) whose fleet-wide list
// names both, as an admin would before shards had roles of their own. Checked, prepared,
// provisioned, suspended and resumed; what each server grants is read from pg_catalog's ACLs.
class TestShardAppRoles : public QObject {
    Q_OBJECT

    const QString m_suffix = QString::number(QRandomGenerator::global()->generate() % 0xffffff, 16);
    const QString m_shopApp = QStringLiteral("shop \"app\" ") + m_suffix;
    const QString m_erpApp = QStringLiteral("erp_") + m_suffix;
    const QString m_shop = QStringLiteral("shop-") + m_suffix;
    const QString m_erp = QStringLiteral("erp-") + m_suffix;
    const QString m_template = QStringLiteral("ar") + m_suffix;
    const QString m_schemaSlug = QStringLiteral("ar-shop-") + m_suffix;
    const QString m_databaseSlug = QStringLiteral("ar-erp-") + m_suffix;
    const QString m_ownedSlug = QStringLiteral("ar-own-") + m_suffix;
    const QString m_password = QStringLiteral("App roles 1!");

    ScratchDatabase m_catalogDb{QStringLiteral("approles")};
    PgConnection m_catalog;
    PgConnection m_server1; // superuser on shard 1's tenants database
    PgConnection m_server2; // superuser on shard 2's tenants database
    std::unique_ptr<ShardConnections> m_shards;

    PgConnection& server(int shard) { return shard == 1 ? m_server1 : m_server2; }

    // A login role with m_password, set without putting either in the statement's text.
    void createRole(int shard, const QString& role)
    {
        PgConnection& c = server(shard);
        c.transaction([&] {
            c.exec(QStringLiteral("SELECT set_config('approles.role', $1, true), set_config('approles.pw', $2, true)"),
                   {role, m_password});
            c.execScript(QStringLiteral("DO $$ BEGIN EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', "
                                        "current_setting('approles.role'), current_setting('approles.pw')); END $$"));
        });
    }

    // What the shop application gets running DDL in schema, as django-tenants' migrations do:
    // empty when it may, else the server's refusal.
    QString migrates(const QString& schema, const QString& ddl)
    {
        try {
            ConnectionParams p = TestFleet::shardParams(1, m_shopApp).withSafeDefaults();
            p.set("password", m_password);
            PgConnection app;
            app.open(p);
            app.execScript(ddl.arg(app.quoteIdentifier(schema)));
        } catch (const PgError& e) {
            return e.message();
        }
        return {};
    }

    void dropRole(int shard, const QString& role)
    {
        PgConnection& c = server(shard);
        if (c.exec(QStringLiteral("SELECT FROM pg_roles WHERE rolname = $1"), {role}).rows() == 0)
            return;
        c.execScript(QStringLiteral("DROP OWNED BY %1; DROP ROLE %1").arg(c.quoteIdentifier(role)));
    }

    void addShard(const QString& name, int shard)
    {
        FleetEditor(m_catalog).addShard({name, TestFleet::state().primary(shard).database, 100});
        FleetEditor(m_catalog).addEndpoint(name,
                                           {QStringLiteral("primary"), TestFleet::shardParams(shard).value("host"),
                                            TestFleet::state().primary(shard).port, 5, QStringLiteral("none")});
    }

    ShardCheckReport check(const QString& shard) { return ShardChecker(m_catalogDb.params()).check(m_catalog, shard); }

    // Every role named by a grant on the objects c finds: the schema and what is in it, or (no
    // schema) the database c is connected to and the tables and sequences of its public schema.
    static QStringList grantees(PgConnection& c, const QString& schema = {})
    {
        const PgResult r = c.exec(
            QStringLiteral(
                "WITH o(acl) AS ("
                "  SELECT n.nspacl FROM pg_namespace n WHERE n.nspname = coalesce($1, 'public') AND $1 IS NOT NULL"
                "  UNION ALL SELECT d.datacl FROM pg_database d WHERE d.datname = current_database() AND $1 IS NULL"
                "  UNION ALL SELECT c.relacl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                "   WHERE n.nspname = coalesce($1, 'public') AND c.relkind IN ('r', 'S', 'v', 'p'))"
                "SELECT DISTINCT pg_get_userbyid(a.grantee) FROM o, aclexplode(o.acl) a WHERE a.grantee <> 0 "
                "ORDER BY 1"),
            {schema.isEmpty() ? QVariant() : QVariant(schema)});
        QStringList names;
        for (int row = 0; row < r.rows(); ++row)
            names << r.text(row, 0);
        return names;
    }

    QString suspensionDetails(const QString& slug)
    {
        return m_catalog
            .exec(QStringLiteral("SELECT string_agg(details::text, ' ') FROM tenantdesk.audit_log "
                                 "WHERE slug = $1 AND action = 'tenant.suspend'"),
                  {slug})
            .text(0, 0);
    }

    qint64 generation() { return FleetListing::generation(m_catalog); }

private slots:
    void initTestCase()
    {
        m_server1.open(TestFleet::shardParams(1, SandboxRoles::superuser).withSafeDefaults());
        m_server2.open(TestFleet::shardParams(2, SandboxRoles::superuser).withSafeDefaults());
        createRole(1, m_shopApp);
        createRole(2, m_erpApp);
        m_catalog.open(m_catalogDb.params());
        CatalogMigrator::migrate(m_catalog);
        // The fleet-wide list names both applications: neither server has both roles.
        FleetRoles fleet = FleetRoles::standard();
        fleet.apps = {m_shopApp, m_erpApp};
        FleetEditor(m_catalog).setRoles(fleet);
        addShard(m_shop, 1);
        addShard(m_erp, 2);
        for (const QString& model : {QStringLiteral("schema"), QStringLiteral("database")})
            m_catalog.exec(QStringLiteral("INSERT INTO tenantdesk.templates (name, version, isolation_model, ddl) "
                                          "VALUES ($1, 1, $2, 'CREATE TABLE orders (id serial PRIMARY KEY, "
                                          "total numeric)')"),
                           {m_template, model});
    }

    void cleanupTestCase()
    {
        if (m_shards) {
            TenantLifecycle lifecycle(m_catalog, *m_shards);
            for (const QString& slug : {m_schemaSlug, m_databaseSlug, m_ownedSlug}) {
                try {
                    if (ManagedTenants::find(m_catalog, slug))
                        lifecycle.remove(slug, slug, 0, QStringLiteral("test cleanup"));
                } catch (const PgError& e) {
                    qWarning("could not remove %s: %s", qPrintable(slug), e.what());
                }
            }
            m_shards.reset();
        }
        try {
            m_server2.execScript(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                                     .arg(m_server2.quoteIdentifier(TenantNames::templateDatabase(m_template, 1))));
            dropRole(1, m_shopApp);
            dropRole(2, m_erpApp);
        } catch (const PgError& e) {
            qWarning("could not remove the test's roles: %s", e.what());
        }
    }

    // The fleet-wide list on a server that runs one application: check names the missing role
    // with both ways out, prepare grants nothing to it, and provisioning refuses up front.
    void fleetListFailsWithTheFix()
    {
        const ShardCheckReport report = check(m_shop);
        const ShardCheckItem* erp = find(report, QStringLiteral("role %1 ").arg(m_erpApp));
        QVERIFY(erp && !erp->ok);
        QVERIFY2(erp->fix.contains(QStringLiteral("CREATE ROLE \"%1\" LOGIN;").arg(m_erpApp)), qPrintable(erp->fix));
        const QString edit = QStringLiteral("tenantctl shards edit %1 --app 'shop \"app\" %2'").arg(m_shop, m_suffix);
        QVERIFY2(erp->fix.contains(edit), qPrintable(erp->fix));
        QVERIFY(erp->fixSql.isEmpty()); // the application owns its role: prepare never creates it
        QVERIFY(find(report, QStringLiteral("role %1 ").arg(m_shopApp))->ok);
        for (const PrepareStep& step : ShardPreparer::plan(report))
            QVERIFY2(!step.sql.contains(m_erpApp), qPrintable(step.sql));

        ShardConnections shards(m_catalogDb.params(), FleetRoles::load(m_catalog));
        TenantSpec tenant = spec(m_schemaSlug, IsolationModel::Schema, m_shop);
        tenant.templateName = m_template;
        expectInputError([&] { TenantProvisioner(m_catalog, shards).provision(tenant); }, edit);
        QCOMPARE(catalogState(m_catalog, m_schemaSlug), QString()); // no failed row
        QCOMPARE(
            m_catalog.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE slug = $1"), {m_schemaSlug})
                .toInt(0, 0),
            0);
        QVERIFY(!schemaExists(m_server1, m_schemaSlug));
    }

    void eachShardNamesItsOwnApplication()
    {
        const qint64 before = generation();
        for (const auto& [shard, app] : {std::pair(m_shop, m_shopApp), std::pair(m_erp, m_erpApp)}) {
            ShardSpec edited = FleetListing::shard(m_catalog, shard).spec;
            edited.appRoles = QStringList{app};
            FleetEditor(m_catalog).editShard(shard, edited, QStringLiteral("its own application"));
            QCOMPARE(FleetListing::shard(m_catalog, shard).spec.appRoles, std::optional<QStringList>(QStringList{app}));
        }
        QVERIFY(generation() > before); // every console follows
        // Bad input is refused with nothing written: TenantDesk's own role as an application role.
        ShardSpec bad = FleetListing::shard(m_catalog, m_shop).spec;
        bad.appRoles = QStringList{SandboxRoles::support};
        expectInputError([&] { FleetEditor(m_catalog).editShard(m_shop, bad); }, QStringLiteral("support role"));
        bad.appRoles = QStringList{};
        expectInputError([&] { FleetEditor(m_catalog).editShard(m_shop, bad); }, QStringLiteral("name at least one"));
        QCOMPARE(FleetListing::shard(m_catalog, m_shop).spec.appRoles,
                 std::optional<QStringList>(QStringList{m_shopApp}));

        for (const QString& shard : {m_shop, m_erp}) {
            const ShardChecker checker(m_catalogDb.params());
            const QList<PrepareStep> steps = ShardPreparer(checker).apply(
                m_catalog, FleetListing::shard(m_catalog, shard), FleetRoles::load(m_catalog),
                ShardPreparer::plan(check(shard)));
            for (const PrepareStep& step : steps)
                QVERIFY2(step.result == PrepareStep::Result::Applied, qPrintable(step.sql + u' ' + step.error));
            const ShardCheckReport report = check(shard);
            QVERIFY2(report.ok(), qPrintable(failures(report)));
            QCOMPARE(report.roles.apps, QStringList(shard == m_shop ? m_shopApp : m_erpApp));
        }
    }

    void tenantsGrantOnlyToTheirShardsApplication()
    {
        m_shards = std::make_unique<ShardConnections>(m_catalogDb.params(), FleetRoles::load(m_catalog));
        TenantSpec schemaTenant = spec(m_schemaSlug, IsolationModel::Schema, m_shop);
        schemaTenant.templateName = m_template;
        TenantProvisioner(m_catalog, *m_shards).provision(schemaTenant);
        TenantSpec databaseTenant = spec(m_databaseSlug, IsolationModel::Database, m_erp);
        databaseTenant.templateName = m_template;
        TenantProvisioner(m_catalog, *m_shards).provision(databaseTenant);
        QCOMPARE(catalogState(m_catalog, m_schemaSlug), QStringLiteral("active"));
        QCOMPARE(catalogState(m_catalog, m_databaseSlug), QStringLiteral("active"));

        const QStringList onShop = grantees(m_server1, TenantNames::schemaName(m_schemaSlug));
        QVERIFY2(onShop.contains(m_shopApp), qPrintable(onShop.join(u',')));
        QVERIFY(!onShop.contains(m_erpApp));

        PgConnection erpTenant;
        erpTenant.open(TestFleet::shardParams(2, SandboxRoles::superuser, TenantNames::databaseName(m_databaseSlug))
                           .withSafeDefaults());
        const QStringList onErp = grantees(erpTenant);
        QVERIFY2(onErp.contains(m_erpApp), qPrintable(onErp.join(u',')));
        QVERIFY(!onErp.contains(m_shopApp));
        QVERIFY(erpTenant.exec(QStringLiteral("SELECT has_table_privilege($1, 'public.orders', 'INSERT')"), {m_erpApp})
                    .toBool(0, 0));
    }

    void suspensionTouchesOnlyTheShardsApplication()
    {
        TenantLifecycle lifecycle(m_catalog, *m_shards);
        const QString schema = TenantNames::schemaName(m_schemaSlug);
        const QString database = TenantNames::databaseName(m_databaseSlug);
        auto schemaUsage = [&] {
            return m_server1.exec(QStringLiteral("SELECT has_schema_privilege($1, $2, 'USAGE')"), {m_shopApp, schema})
                .toBool(0, 0);
        };
        auto databaseConnect = [&] {
            return m_server2
                .exec(QStringLiteral("SELECT has_database_privilege($1, $2, 'CONNECT')"), {m_erpApp, database})
                .toBool(0, 0);
        };
        const auto acl = [](PgConnection& c, const QString& sql, const QString& name) {
            return c.exec(sql, {name}).text(0, 0);
        };
        const QString schemaAcl = QStringLiteral("SELECT nspacl::text FROM pg_namespace WHERE nspname = $1");
        const QString databaseAcl = QStringLiteral("SELECT datacl::text FROM pg_database WHERE datname = $1");
        const QString schemaBefore = acl(m_server1, schemaAcl, schema);
        const QString databaseBefore = acl(m_server2, databaseAcl, database);
        QVERIFY(schemaUsage() && databaseConnect());

        lifecycle.suspend(m_schemaSlug, QStringLiteral("unpaid"));
        QVERIFY(!schemaUsage());
        QVERIFY(databaseConnect()); // the other shard's tenant is untouched
        lifecycle.suspend(m_databaseSlug, QStringLiteral("unpaid"));
        QVERIFY(!databaseConnect());
        // What each suspension took names its own shard's application only.
        const QString shopCut = suspensionDetails(m_schemaSlug), erpCut = suspensionDetails(m_databaseSlug);
        QVERIFY2(shopCut.contains(QStringLiteral("shop \\\"app\\\"")) && !shopCut.contains(m_erpApp),
                 qPrintable(shopCut));
        QVERIFY2(erpCut.contains(m_erpApp) && !erpCut.contains(QStringLiteral("shop")), qPrintable(erpCut));

        lifecycle.resume(m_schemaSlug);
        lifecycle.resume(m_databaseSlug);
        QVERIFY(schemaUsage() && databaseConnect());
        QCOMPARE(acl(m_server1, schemaAcl, schema), schemaBefore);
        QCOMPARE(acl(m_server2, databaseAcl, database), databaseBefore);
    }

    // The shop's new tenants owned by its application role: the admin must act as it (check says
    // how), then the application migrates its tenant itself; suspension still shuts it out.
    void applicationOwnedTenantsMigrate()
    {
        ShardSpec owned = FleetListing::shard(m_catalog, m_shop).spec;
        owned.tenantOwner = QStringLiteral("someone_else");
        expectInputError([&] { FleetEditor(m_catalog).editShard(m_shop, owned); },
                         QStringLiteral("not one of the shard's application roles"));
        owned.tenantOwner = m_shopApp;
        FleetEditor(m_catalog).editShard(m_shop, owned);

        const QString grant = QStringLiteral("GRANT %1 TO %2;")
                                  .arg(m_server1.quoteIdentifier(m_shopApp),
                                       m_server1.quoteIdentifier(SandboxRoles::admin));
        const ShardCheckItem* member = find(check(m_shop), QStringLiteral("may SET ROLE ") + m_shopApp);
        QVERIFY(member && !member->ok);
        QCOMPARE(member->fix, grant);
        m_shards = std::make_unique<ShardConnections>(m_catalogDb.params(), FleetRoles::load(m_catalog));
        TenantSpec tenant = spec(m_ownedSlug, IsolationModel::Schema, m_shop);
        tenant.templateName = m_template;
        expectInputError([&] { TenantProvisioner(m_catalog, *m_shards).provision(tenant); }, grant);
        QCOMPARE(catalogState(m_catalog, m_ownedSlug), QString());
        TenantSpec databaseTenant = tenant;
        databaseTenant.model = IsolationModel::Database;
        expectInputError([&] { TenantProvisioner(m_catalog, *m_shards).provision(databaseTenant); },
                         QStringLiteral("--tenant-owner owner"));
        m_server1.execScript(grant); // as the superuser, as the fix says
        QVERIFY(find(check(m_shop), QStringLiteral("may SET ROLE ") + m_shopApp)->ok);

        TenantProvisioner(m_catalog, *m_shards).provision(tenant);
        const QString schema = TenantNames::schemaName(m_ownedSlug);
        QCOMPARE(
            m_server1
                .exec(QStringLiteral("SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c "
                                     "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 "
                                     "UNION SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = $1"),
                      {schema})
                .text(0, 0),
            m_shopApp);
        QCOMPARE(migrates(schema, QStringLiteral("CREATE TABLE %1.newtable (id int)")), QString());
        QCOMPARE(migrates(schema, QStringLiteral("ALTER TABLE %1.orders ADD COLUMN note text")), QString());

        const QString ownerAndAcl = QStringLiteral(
            "SELECT pg_get_userbyid(nspowner) || ' ' || coalesce(nspacl::text, '') "
            "FROM pg_namespace WHERE nspname = $1");
        const QString before = m_server1.exec(ownerAndAcl, {schema}).text(0, 0);
        TenantLifecycle lifecycle(m_catalog, *m_shards);
        lifecycle.suspend(m_ownedSlug, QStringLiteral("unpaid"));
        const QString refused = migrates(schema, QStringLiteral("CREATE TABLE %1.later (id int)"));
        QVERIFY2(refused.contains(QLatin1String("permission denied")), qPrintable(refused));
        lifecycle.resume(m_ownedSlug);
        QCOMPARE(m_server1.exec(ownerAndAcl, {schema}).text(0, 0), before);
        QCOMPARE(migrates(schema, QStringLiteral("CREATE TABLE %1.later (id int)")), QString());
    }
};

QTEST_GUILESS_MAIN(TestShardAppRoles)
#include "TestShardAppRoles.moc"
