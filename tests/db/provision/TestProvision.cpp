#include "ProvisionTestKit.h"
#include "TestFleet.h"
#include "base/InputError.h"
#include "lifecycle/TenantLifecycle.h"
#include "provision/ManagedTenants.h"
#include "provision/ShardDirectory.h"
#include "provision/TenantProvisioner.h"
#include "provision/TenantShardObjects.h"

#include <QTest>
#include <thread>

using namespace ProvisionTestKit;

// Creating tenants of every model in the shared sandbox: what lands in the catalog and on the
// shard, who may reach it, what is refused and why, and two admins racing for one slug. Every
// tenant made here is deleted again at the end.
class TestProvision : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    PgConnection m_shard; // tenantdesk_admin on shard-1's tenants database
    std::unique_ptr<ShardConnections> m_shards;
    QStringList m_created;

    qint64 provision(const TenantSpec& spec)
    {
        m_created.append(spec.slug);
        TenantProvisioner provisioner(m_catalog, *m_shards);
        return provisioner.provision(spec);
    }

    qint64 count(PgConnection& c, const QString& sql, const PgParams& params = {})
    {
        return c.exec(sql, params).toInt(0, 0);
    }

    // The application role on the tenant's data, in a transaction scoped to it.
    QString appCanWrite(const ManagedTenant& t)
    {
        PgConnection app;
        try {
            app.open(TestFleet::appParams(1, t.dataDatabase()).withSafeDefaults());
            app.transaction(
                [&] {
                    app.exec(QStringLiteral("SELECT pg_catalog.set_config('search_path', $1, true)"),
                             {app.quoteIdentifier(t.tableSchema())});
                    if (!t.tenantKey.isEmpty())
                        app.exec(QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', $1, true)"),
                                 {t.tenantKey});
                    app.exec(QStringLiteral("INSERT INTO customers (name, email, country) VALUES ('Ann', "
                                            "'ann@example.com', 'SE')"));
                    if (app.exec(QStringLiteral("SELECT count(*) FROM customers")).toInt(0, 0) != 1)
                        throw InputError(QStringLiteral("the tenant does not see exactly its one row"));
                },
                "BEGIN");
            app.execScript(QStringLiteral("SELECT 1"));
        } catch (const Failure& e) {
            return e.message();
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        openAdminFleet(m_catalog, m_shards);
        m_shard.open(TestFleet::shardParams(1).withSafeDefaults());
    }

    void cleanupTestCase() { removeTenants(m_created); }

    void createsEveryModel_data() { modelRows(); }

    void createsEveryModel()
    {
        QFETCH(IsolationModel, model);
        const QString slug = uniqueSlug(QStringLiteral("new"));
        const qint64 id = provision(spec(slug, model));
        QVERIFY(id > 0);
        const ManagedTenant t = ManagedTenants::get(m_catalog, slug);
        QCOMPARE(t.id, id);
        QVERIFY(t.state == TenantState::Active);
        QCOMPARE(t.templateName, QStringLiteral("store"));
        QCOMPARE(t.templateVersion, 1);
        QCOMPARE(count(m_catalog, QStringLiteral("SELECT count(*) FROM tenantdesk.domains WHERE tenant_id = $1"), {id}),
                 1);
        QCOMPARE(m_catalog
                     .exec(QStringLiteral("SELECT string_agg(action, ',' ORDER BY id) FROM tenantdesk.audit_log "
                                          "WHERE tenant_id = $1"),
                           {id})
                     .text(0, 0),
                 QStringLiteral("tenant.provision,tenant.activate"));
        QCOMPARE(m_catalog
                     .exec(QStringLiteral("SELECT slug FROM tenantdesk.resolve($1)"),
                           {QString(slug + QStringLiteral(".prov.example.com"))})
                     .text(0, 0),
                 slug);
        QVERIFY(TenantShardObjects::exists(*m_shards, t));
        QCOMPARE(TenantShardObjects::madeByProvisioner(*m_shards, t), model != IsolationModel::Shared);
        QVERIFY(TenantShardObjects::appAllowed(*m_shards, t));
        const QString appError = appCanWrite(t);
        QVERIFY2(appError.isEmpty(), qPrintable(appError));
    }

    void planShowsWhatRuns()
    {
        const QString slug = uniqueSlug(QStringLiteral("plan"));
        TenantProvisioner provisioner(m_catalog, *m_shards);
        const ProvisionPlan plan = provisioner.plan(spec(slug, IsolationModel::Schema));
        const QString sql = plan.statements().join(u'\n');
        QVERIFY2(sql.contains(QStringLiteral("CREATE SCHEMA \"%1\" AUTHORIZATION \"tenantdesk_owner\"")
                                  .arg(TenantNames::schemaName(slug))),
                 qPrintable(sql));
        QVERIFY(sql.contains(QLatin1String("CREATE TABLE customers")));
        QVERIFY(sql.contains(QLatin1String("INSERT INTO tenantdesk.tenants")));
        QVERIFY(sql.contains(u'\'' + slug + u'\''));
        // Planning wrote nothing.
        QVERIFY(catalogState(m_catalog, slug).isEmpty());
        QVERIFY(!schemaExists(m_shard, slug));
        m_created.append(slug);
        provisioner.run(plan);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
        QVERIFY(schemaExists(m_shard, slug));
    }

    void automaticShardHasTheMostHeadroom()
    {
        TenantProvisioner provisioner(m_catalog, *m_shards);
        const ProvisionPlan plan = provisioner.plan(
            spec(uniqueSlug(QStringLiteral("auto")), IsolationModel::Schema, {}));
        QCOMPARE(plan.spec.shard, plan.shard.name);
        // Tests running alongside may add a few tenants meanwhile: the pick is the most headroom, give or
        // take those.
        for (const ShardTarget& other : ShardDirectory::all(m_catalog)) {
            if (other.acceptsTenants())
                QVERIFY2(plan.shard.headroom() >= other.headroom() - 50, qPrintable(other.name));
        }
    }

    void refusesWhatIsTaken()
    {
        const QString slug = uniqueSlug(QStringLiteral("taken"));
        provision(spec(slug, IsolationModel::Schema));
        TenantProvisioner provisioner(m_catalog, *m_shards);
        expectInputError([&] { provisioner.plan(spec(slug, IsolationModel::Database)); },
                         QStringLiteral("exists already"));
        // tdp-taken-x and tdp_taken_x name the same schema.
        TenantSpec underscored = spec(QString(slug).replace(u'-', u'_'), IsolationModel::Schema);
        underscored.domains.clear();
        expectInputError([&] { provisioner.plan(underscored); }, QStringLiteral("names the same schema and database"));
        TenantSpec sameDomain = spec(uniqueSlug(QStringLiteral("dom")), IsolationModel::Shared);
        sameDomain.domains = {slug.toUpper() + QStringLiteral(".prov.example.com")}; // differs only by case
        expectInputError([&] { provisioner.plan(sameDomain); }, QStringLiteral("routes to the tenant"));
        expectInputError([&] { provisioner.plan(spec(QStringLiteral("acme"), IsolationModel::Schema)); },
                         QStringLiteral("exists already"));
        TenantSpec noShard = spec(uniqueSlug(QStringLiteral("x")), IsolationModel::Schema, QStringLiteral("shard-99"));
        expectInputError([&] { provisioner.plan(noShard); }, QStringLiteral("There is no shard \"shard-99\""));
        TenantSpec noTemplate = spec(uniqueSlug(QStringLiteral("x")), IsolationModel::Schema);
        noTemplate.templateVersion = 42;
        expectInputError([&] { provisioner.plan(noTemplate); }, QStringLiteral("no version 42"));
    }

    void longSlugsCollidingAfterTruncationAreRefused()
    {
        // A schema tenant may use all 63 bytes; as a database tenant, tenant_<slug> would be
        // truncated to the same 63 bytes for any two slugs that share their first 56 characters.
        const QString base = uniqueSlug(QStringLiteral("long"));
        const QString slug = base + QString(56 - base.size(), u'a') + QStringLiteral("-one");
        const QString other = base + QString(56 - base.size(), u'a') + QStringLiteral("-two");
        TenantProvisioner provisioner(m_catalog, *m_shards);
        expectInputError([&] { provisioner.plan(spec(slug, IsolationModel::Database)); },
                         QStringLiteral("truncates names after 63 bytes"));
        expectInputError([&] { provisioner.plan(spec(other, IsolationModel::Database)); },
                         QStringLiteral("the same database"));
        provision(spec(slug, IsolationModel::Schema));
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
        QVERIFY(schemaExists(m_shard, slug));
    }

    void twoAdminsCreatingOneTenantMakeOne_data() { modelRows(); }

    void twoAdminsCreatingOneTenantMakeOne()
    {
        QFETCH(IsolationModel, model);
        const QString slug = uniqueSlug(QStringLiteral("race"));
        m_created.append(slug);
        QString errors[2];
        qint64 ids[2] = {0, 0};
        {
            std::vector<std::jthread> admins;
            for (int i = 0; i < 2; ++i) {
                admins.emplace_back([&, i] {
                    try {
                        AdminFleet fleet;
                        TenantProvisioner provisioner(fleet.catalog, fleet.shards);
                        ids[i] = provisioner.provision(spec(slug, model));
                    } catch (const Failure& e) {
                        errors[i] = e.text();
                    }
                });
            }
        }
        QVERIFY2((ids[0] > 0) != (ids[1] > 0), qPrintable(errors[0] + u'|' + errors[1]));
        const QString& error = errors[ids[0] > 0 ? 1 : 0];
        QVERIFY2(error.contains(QLatin1String("another session")) || error.contains(QLatin1String("exists already"))
                     || error.contains(QLatin1String("being provisioned"))
                     || error.contains(QLatin1String("created by someone else")),
                 qPrintable(error));
        QCOMPARE(count(m_catalog, QStringLiteral("SELECT count(*) FROM tenantdesk.tenants WHERE slug = $1"), {slug}),
                 1);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
    }

    void failedTenantIsRetried()
    {
        const QString slug = uniqueSlug(QStringLiteral("retry"));
        m_created.append(slug);
        {
            TenantProvisioner provisioner(m_catalog, *m_shards);
            provisioner.setStepHook([](ProvisionStep step) {
                if (step == ProvisionStep::ApplyGrants)
                    throw PgError(PgError::Kind::Query, QStringLiteral("injected failure"));
            });
            expectError([&] { provisioner.provision(spec(slug, IsolationModel::Database)); }, PgError::Kind::Query,
                        QStringLiteral("marked 'failed' and nothing of it remains"));
        }
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("failed"));
        QVERIFY(!databaseExists(m_shard, slug));
        TenantProvisioner provisioner(m_catalog, *m_shards);
        const ProvisionPlan plan = provisioner.plan(spec(slug, IsolationModel::Database));
        QVERIFY(plan.retriesFailedTenant);
        provisioner.run(plan);
        QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
        QVERIFY(databaseExists(m_shard, slug));
    }
};

QTEST_GUILESS_MAIN(TestProvision)
#include "TestProvision.moc"
