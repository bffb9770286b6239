#include "FaultProxy.h"
#include "PrivateSandbox.h"
#include "ProvisionTestKit.h"
#include "lifecycle/TemplateUpgrader.h"
#include "pg/SqlResource.h"
#include "provision/ManagedTenants.h"
#include "provision/TenantProvisioner.h"

#include <QTest>

using namespace ProvisionTestKit;

// Template version 2 of the sandbox's store template, applied to tenants of every model. It
// changes the shared tables of a whole shard and the versions of seeded tenants, so this test
// has a sandbox of its own.
class TestTemplateUpgrade : public QObject {
    Q_OBJECT

    std::unique_ptr<PrivateSandbox> m_sandbox;
    ConnectionParams m_params;
    PgConnection m_catalog;
    std::unique_ptr<ShardConnections> m_shards;
    PgConnection m_shard1;
    const QString m_delta = QStringLiteral("ALTER TABLE customers ADD COLUMN vip boolean NOT NULL DEFAULT false;");

    QString provision(IsolationModel model, int version)
    {
        TenantSpec s = spec(uniqueSlug(QStringLiteral("upg")), model);
        s.templateVersion = version;
        TenantProvisioner(m_catalog, *m_shards).provision(s);
        return s.slug;
    }

    int catalogVersion(const QString& slug) { return ManagedTenants::get(m_catalog, slug).templateVersion; }

    bool hasVip(const QString& slug)
    {
        const ManagedTenant t = ManagedTenants::get(m_catalog, slug);
        PgConnection& c = m_shards->to(t.shard, t.dataDatabase());
        const bool has = c.exec(QStringLiteral(
                                    "SELECT EXISTS (SELECT FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid "
                                    "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = $1 "
                                    "AND r.relname = 'customers' AND a.attname = 'vip')"),
                                {t.tableSchema()})
                             .toBool(0, 0);
        if (t.model == IsolationModel::Database)
            m_shards->close(t.shard, t.databaseName);
        return has;
    }

    static int count(const QList<UpgradeRow>& rows, JobState state)
    {
        return int(std::count_if(rows.begin(), rows.end(), [&](const UpgradeRow& r) { return r.state == state; }));
    }

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<PrivateSandbox>(QStringLiteral("tdupg"), 3);
        m_params = m_sandbox->catalogParams();
        m_catalog.open(m_params);
        m_shards = std::make_unique<ShardConnections>(m_params, FleetRoles::standard());
        const SandboxState& state = m_sandbox->state();
        m_shard1.open(
            state.params(state.primary(1), SandboxRoles::admin, QStringLiteral("tenants")).withSafeDefaults());
        // Version 2: the whole DDL for new tenants, and the delta from version 1.
        for (const auto& [model, file] :
             {std::pair{QStringLiteral("schema"), QStringLiteral("sandbox/store.sql")},
              std::pair{QStringLiteral("database"), QStringLiteral("sandbox/store.sql")},
              std::pair{QStringLiteral("shared"), QStringLiteral("sandbox/shared_store.sql")}}) {
            const QString full = SqlResource::text(file)
                                 + (model == QLatin1String("shared") ? QStringLiteral(
                                        "\nALTER TABLE shared.customers ADD COLUMN vip boolean NOT NULL DEFAULT false;")
                                                                     : u'\n' + m_delta);
            m_catalog.exec(
                QStringLiteral("INSERT INTO tenantdesk.templates (name, version, isolation_model, ddl, upgrade_ddl) "
                               "VALUES ('store', 2, $1, $2, $3)"),
                {model, full, m_delta});
        }
    }

    void cleanupTestCase()
    {
        m_shards.reset();
        m_catalog.close();
        m_shard1.close();
        m_sandbox.reset();
    }

    void upgradesEveryModelAndRetriesTheFailed()
    {
        const QString schemaA = provision(IsolationModel::Schema, 1);
        const QString schemaB = provision(IsolationModel::Schema, 1);
        const QString database = provision(IsolationModel::Database, 1);
        const QString shared = provision(IsolationModel::Shared, 1);
        // schemaB has the column already (someone added it by hand): its upgrade fails, alone.
        m_shard1.execScript(
            QStringLiteral("SET ROLE tenantdesk_owner; ALTER TABLE %1.customers ADD COLUMN vip boolean; RESET ROLE")
                .arg(m_shard1.quoteIdentifier(TenantNames::schemaName(schemaB))));

        TemplateUpgrader schemas(m_catalog, *m_shards, QStringLiteral("store"), IsolationModel::Schema, 2);
        QList<UpgradeRow> rows = schemas.candidates();
        QCOMPARE(rows.size(), 3); // the two above and the sandbox's acme
        CancelToken cancel;
        schemas.run(rows, {}, cancel);
        QCOMPARE(count(rows, JobState::Done), 2);
        QCOMPARE(count(rows, JobState::Failed), 1);
        QCOMPARE(catalogVersion(schemaA), 2);
        QVERIFY(hasVip(schemaA));
        QCOMPARE(catalogVersion(schemaB), 1);
        m_shard1.execScript(
            QStringLiteral("SET ROLE tenantdesk_owner; ALTER TABLE %1.customers DROP COLUMN vip; RESET ROLE")
                .arg(m_shard1.quoteIdentifier(TenantNames::schemaName(schemaB))));
        schemas.run(rows, {}, cancel); // retries the failed one only
        QCOMPARE(count(rows, JobState::Done), 3);
        QCOMPARE(catalogVersion(schemaB), 2);

        TemplateUpgrader databases(m_catalog, *m_shards, QStringLiteral("store"), IsolationModel::Database, 2);
        QList<UpgradeRow> one = databases.candidates({database});
        QCOMPARE(one.size(), 1);
        databases.run(one, {}, cancel);
        QCOMPARE(count(one, JobState::Done), 1);
        QVERIFY(hasVip(database));

        // One shared tenant chosen: every shared tenant of its shard comes along (same tables).
        TemplateUpgrader sharedUpgrader(m_catalog, *m_shards, QStringLiteral("store"), IsolationModel::Shared, 2);
        QList<UpgradeRow> sharedRows = sharedUpgrader.candidates({shared});
        QCOMPARE(sharedRows.size(), 2); // with the sandbox's initech on shard-1
        sharedUpgrader.run(sharedRows, {}, cancel);
        QCOMPARE(count(sharedRows, JobState::Done), 2);
        QVERIFY(hasVip(shared));

        bool atTwo = false;
        for (const TemplateUpgrader::VersionCount& v : TemplateUpgrader::versions(m_catalog)) {
            QCOMPARE(v.latest, 2);
            atTwo = atTwo || (v.version == 2 && v.tenants > 0);
        }
        QVERIFY(atTwo);
    }

    void anInterruptedUpgradeIsNotRunTwice()
    {
        const QString slug = provision(IsolationModel::Schema, 1);
        const QString schema = m_shard1.quoteIdentifier(TenantNames::schemaName(slug));
        // The shard got version 2 but the catalog was never told.
        m_shard1.execScript(
            QStringLiteral("SET ROLE tenantdesk_owner; ALTER TABLE %1.customers ADD COLUMN vip boolean; RESET ROLE")
                .arg(schema));
        m_shard1.exec(
            QStringLiteral("UPDATE tenantdesk_shard.template_versions SET template_version = 2 WHERE schema_name = $1"),
            {TenantNames::schemaName(slug)});
        TemplateUpgrader upgrader(m_catalog, *m_shards, QStringLiteral("store"), IsolationModel::Schema, 2);
        QList<UpgradeRow> rows = upgrader.candidates({slug});
        upgrader.run(rows, {}, CancelToken());
        QVERIFY2(rows.constFirst().state == JobState::Done, qPrintable(rows.constFirst().message));
        QCOMPARE(catalogVersion(slug), 2);
    }

    // The catalog committed the new version but its answer was lost (FaultProxy): the upgrade reads
    // it back, by running once more (which never runs the delta twice), instead of reporting a failure.
    void catalogAnswerLost()
    {
        const QString slug = provision(IsolationModel::Schema, 1);
        FaultProxy proxy(m_params);
        PgConnection catalog;
        catalog.open(proxy.params().withSafeDefaults());
        TemplateUpgrader upgrader(catalog, *m_shards, QStringLiteral("store"), IsolationModel::Schema, 2);
        QList<UpgradeRow> rows = upgrader.candidates({slug});
        proxy.cutAfterCommit(1); // the shard's COMMIT goes elsewhere: this is the catalog's
        upgrader.run(rows, {}, CancelToken());
        QCOMPARE(proxy.cuts(), 1);
        QVERIFY2(rows.constFirst().state == JobState::Done, qPrintable(rows.constFirst().message));
        QCOMPARE(catalogVersion(slug), 2);
        QVERIFY(hasVip(slug));
    }

    void newTenantsGetTheNewVersion()
    {
        const QString database = provision(IsolationModel::Database, 0);
        QCOMPARE(catalogVersion(database), 2);
        QVERIFY(hasVip(database));
        const QString schema = provision(IsolationModel::Schema, 0);
        QVERIFY(hasVip(schema));
        // shard-1's shared tables are at v2 now: a v1 shared tenant is refused there.
        TenantSpec old = spec(uniqueSlug(QStringLiteral("old")), IsolationModel::Shared);
        old.templateVersion = 1;
        expectInputError([&] { TenantProvisioner(m_catalog, *m_shards).plan(old); },
                         QStringLiteral("made from store v2"));
    }
};

QTEST_GUILESS_MAIN(TestTemplateUpgrade)
#include "TestTemplateUpgrade.moc"
