#include "ForeignFleet.h"
#include "ProvisionTestKit.h"
#include "adopt/AdoptApplier.h"
#include "adopt/AdoptScanner.h"
#include "catalog/CatalogClient.h"
#include "catalog/FleetRoles.h"
#include "lifecycle/TenantLifecycle.h"
#include "lifecycle/TenantReconciler.h"
#include "provision/TenantProvisioner.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// A stancl/tenancy application TenantDesk did not make: its tenants and domains tables (data in a
// json column) in a central database of its own, one database per tenant named by a prefix of its own and the
// tenant's id. Scanned, adopted, and kept in step when TenantDesk creates, renames and deletes a
// database tenant (whose registry is another database: written right after, idempotently).
class TestAdoptStancl : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    std::unique_ptr<ShardConnections> m_shards;

private slots:
    void initTestCase() { ProvisionTestKit::openAdminFleet(m_catalog, m_shards); }

    void stanclAdoptedAndKeptInStep()
    {
        ForeignFleet f(QStringLiteral("st"));
        const QString prefix = f.unique(QStringLiteral("sc")) + u'_';
        const QString uuid = QStringLiteral("5b7e3f0a-2c4d-4e6f-8a9b-") + f.unique(QStringLiteral("000000"));
        const QString central = f.unique(QStringLiteral("tdcentral_"));
        f.createDatabase(central);
        f.run(
            central,
            QStringLiteral("CREATE TABLE public.tenants (id varchar(255) PRIMARY KEY, data json, created_at "
                           "timestamp);\nCREATE TABLE public.domains (id bigserial PRIMARY KEY, domain varchar(255) "
                           "UNIQUE NOT NULL, tenant_id varchar(255) NOT NULL REFERENCES public.tenants (id) ON DELETE "
                           "CASCADE);\nINSERT INTO public.tenants (id, data) VALUES ('")
                + uuid
                + QStringLiteral("', '{\"name\": \"Umbrella\"}'), ('beta', '{}');\n"
                                 "INSERT INTO public.domains (domain, tenant_id) VALUES ('")
                + f.unique(QStringLiteral("umbrella")) + QStringLiteral(".example.com', '") + uuid
                + QStringLiteral("');"),
            true);
        f.createDatabase(prefix + uuid);
        f.createDatabase(prefix + QStringLiteral("beta"));
        f.grantAppTables(central);

        const QJsonObject options{{QStringLiteral("database_prefix"), prefix}};
        const AdoptScan s = AdoptScanner(m_catalog, *m_shards)
                                .scan({f.shard(), AppLayout::Kind::Stancl, central, options});
        QList<AdoptCandidate> chosen;
        for (const AdoptCandidate& c : s.candidates) {
            if (c.listed)
                chosen.append(c);
        }
        QCOMPARE(chosen.size(), 2);
        const AdoptCandidate& umbrella = chosen.first().appTenantId == uuid ? chosen.first() : chosen.last();
        QCOMPARE(toString(umbrella.model), QStringLiteral("database"));
        QCOMPARE(umbrella.objectName, prefix + uuid);
        QCOMPARE(umbrella.displayName, QStringLiteral("Umbrella"));
        QCOMPARE(umbrella.domains, QStringList{f.unique(QStringLiteral("umbrella")) + QStringLiteral(".example.com")});

        AdoptApplier(m_catalog).apply(s, chosen, {});
        QCOMPARE(ForeignFleet::catalogObject(umbrella.slug), QStringLiteral("database:") + prefix + uuid);
        const std::optional<ResolvedTenant> routed = CatalogClient::resolve(m_catalog, umbrella.domains.first());
        QVERIFY(routed);
        QCOMPARE(routed->databaseName, prefix + uuid);

        // A database tenant created through TenantDesk reaches the central tables, named as stancl reads it.
        TenantSpec spec;
        spec.slug = f.unique(QStringLiteral("stnew-"));
        spec.displayName = QStringLiteral("Stancl New");
        spec.model = IsolationModel::Database;
        spec.shard = f.shard();
        spec.templateName = QStringLiteral("store");
        spec.domains = {spec.slug + QStringLiteral(".example.com")};
        TenantProvisioner(m_catalog, *m_shards).provision(spec);
        const QString id = QString(spec.slug).replace(u'-', u'_');
        const QString data = QStringLiteral("SELECT data::text FROM public.tenants WHERE id = '") + id + u'\'';
        QJsonObject row = QJsonDocument::fromJson(f.value(central, data).toUtf8()).object();
        QCOMPARE(row.value(QStringLiteral("tenancy_db_name")).toString(), QStringLiteral("tenant_") + id);
        QCOMPARE(row.value(QStringLiteral("name")).toString(), QStringLiteral("Stancl New"));
        QCOMPARE(f.value(central, QStringLiteral("SELECT tenant_id FROM public.domains WHERE domain = '")
                                      + spec.domains.first() + u'\''),
                 id);
        QCOMPARE(
            m_catalog.exec(QStringLiteral("SELECT app_tenant_id FROM tenantdesk.tenants WHERE slug = $1"), {spec.slug})
                .text(0, 0),
            id);

        TenantLifecycle lifecycle(m_catalog, *m_shards);
        lifecycle.rename(spec.slug, QStringLiteral("Stancl Renamed"));
        row = QJsonDocument::fromJson(f.value(central, data).toUtf8()).object();
        QCOMPARE(row.value(QStringLiteral("name")).toString(), QStringLiteral("Stancl Renamed"));
        lifecycle.remove(spec.slug, spec.slug, 0);
        QCOMPARE(f.value(central, QStringLiteral("SELECT count(*) FROM public.tenants WHERE id = '") + id + u'\''),
                 QStringLiteral("0"));

        // Interrupted before the database was opened and recorded: reconcile finishes it, registry included.
        TenantSpec cut = spec;
        cut.slug = f.unique(QStringLiteral("stcut-"));
        cut.domains = {cut.slug + QStringLiteral(".example.com")};
        TenantProvisioner killed(m_catalog, *m_shards);
        killed.setStepHook([](ProvisionStep step) {
            if (step == ProvisionStep::ApplyGrants)
                throw std::runtime_error("killed");
        });
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, killed.provision(cut));
        const QString cutId = QString(cut.slug).replace(u'-', u'_');
        const QString cutRow = QStringLiteral("SELECT count(*) FROM public.tenants WHERE id = '") + cutId + u'\'';
        QCOMPARE(f.value(central, cutRow), QStringLiteral("0"));
        QTest::qWait(1100);
        TenantReconciler::Options reconcile;
        reconcile.stuckMinutes = 0;
        reconcile.slugPrefix = cut.slug;
        TenantReconciler(m_catalog, *m_shards).run(reconcile);
        QCOMPARE(f.value(central, cutRow), QStringLiteral("1"));
        QCOMPARE(f.value(central, QStringLiteral("SELECT tenant_id FROM public.domains WHERE domain = '")
                                      + cut.domains.first() + u'\''),
                 cutId);
        lifecycle.remove(cut.slug, cut.slug, 0);
        QCOMPARE(f.value(central, cutRow), QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestAdoptStancl)
#include "TestAdoptStancl.moc"
