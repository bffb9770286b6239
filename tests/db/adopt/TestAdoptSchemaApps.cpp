#include "ForeignFleet.h"
#include "ProvisionTestKit.h"
#include "adopt/AdoptApplier.h"
#include "adopt/AdoptScanner.h"
#include "base/InputError.h"
#include "catalog/CatalogClient.h"
#include "catalog/FleetRoles.h"
#include "lifecycle/TenantLifecycle.h"
#include "provision/TenantProvisioner.h"

#include <QRegularExpression>
#include <QTest>

// Schema-per-tenant applications TenantDesk did not make (django-tenants, Apartment) and shared
// tables with keys of their own, built on the sandbox, scanned, adopted under their own names, and
// kept in step with the application's tables when TenantDesk creates, renames and deletes a tenant.
class TestAdoptSchemaApps : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    std::unique_ptr<ShardConnections> m_shards;
    const QString m_hostile = QStringLiteral("o'brien \"x\" -- {1} $1 %1 /*");

    AdoptScan scan(const ForeignFleet& fleet, std::optional<AppLayout::Kind> layout = std::nullopt,
                   const QJsonObject& options = {})
    {
        return AdoptScanner(m_catalog, *m_shards).scan({fleet.shard(), layout, {}, options});
    }

    static QList<AdoptCandidate> listed(const AdoptScan& scan)
    {
        QList<AdoptCandidate> chosen;
        for (const AdoptCandidate& c : scan.candidates) {
            if (c.listed)
                chosen.append(c);
        }
        return chosen;
    }

    static const AdoptCandidate* find(const AdoptScan& scan, const QString& object)
    {
        for (const AdoptCandidate& c : scan.candidates) {
            if (c.objectName == object)
                return &c;
        }
        return nullptr;
    }

    // A django-tenants application: its tables in public, its tenants' schemas owned by its role.
    void buildDjango(const ForeignFleet& f)
    {
        const PgConnection& q = m_catalog;
        f.run(f.database(),
              QStringLiteral(
                  "CREATE TABLE public.customers_client (id serial PRIMARY KEY, schema_name varchar(63) UNIQUE NOT "
                  "NULL, name varchar(100) NOT NULL DEFAULT '', on_trial boolean NOT NULL DEFAULT true, is_active "
                  "boolean NOT NULL DEFAULT true);\n"
                  "CREATE TABLE public.customers_domain (id serial PRIMARY KEY, domain varchar(253) UNIQUE NOT NULL, "
                  "tenant_id integer NOT NULL REFERENCES public.customers_client (id), is_primary boolean NOT NULL);\n"
                  "CREATE SCHEMA acme; CREATE TABLE acme.orders (id int);\n"
                  "CREATE SCHEMA ")
                  + q.quoteIdentifier(m_hostile) + QStringLiteral(";\nCREATE SCHEMA stray;"),
              true);
        f.run(f.database(),
              QStringLiteral("INSERT INTO public.customers_client (schema_name, name) VALUES ('public', 'Public'), "
                             "('acme', 'Acme Inc'), ($$")
                  + m_hostile
                  + QStringLiteral("$$, 'O''Brien');\nINSERT INTO public.customers_domain (domain, "
                                   "tenant_id, is_primary) VALUES ('")
                  + f.unique(QStringLiteral("www")) + QStringLiteral(".example.com', 1, true), ('")
                  + f.unique(QStringLiteral("acme")) + QStringLiteral(".example.com', 2, true), ('")
                  + f.unique(QStringLiteral("shop-acme")) + QStringLiteral(".example.com', 2, false);"),
              true);
        f.grantAppTables();
    }

private slots:
    void initTestCase() { ProvisionTestKit::openAdminFleet(m_catalog, m_shards); }

    void djangoTenantsAdoptedAndKeptInStep()
    {
        ForeignFleet f(QStringLiteral("dj"));
        buildDjango(f);

        const AdoptScan s = scan(f, std::nullopt, {{QStringLiteral("active_column"), QStringLiteral("is_active")}});
        QCOMPARE(toString(s.layout.kind), QStringLiteral("django-tenants"));
        QCOMPARE(listed(s).size(), 2);
        QCOMPARE(s.layout.activeColumn, QStringLiteral("is_active"));
        QVERIFY(find(s, QStringLiteral("acme")) && find(s, QStringLiteral("acme"))->listed);
        QVERIFY(find(s, m_hostile) && find(s, m_hostile)->listed);
        QVERIFY2(find(s, QStringLiteral("stray")) && !find(s, QStringLiteral("stray"))->listed,
                 "a schema the app does not list is offered, not chosen");
        QVERIFY2(!find(s, QStringLiteral("public")), "public is the app's shared schema");
        const AdoptCandidate acme = *find(s, QStringLiteral("acme"));
        QCOMPARE(acme.displayName, QStringLiteral("Acme Inc"));
        QCOMPARE(acme.appTenantId, QStringLiteral("2")); // the scan shows the app's id
        QCOMPARE(acme.domains, (QStringList{f.unique(QStringLiteral("acme")) + QStringLiteral(".example.com"),
                                            f.unique(QStringLiteral("shop-acme")) + QStringLiteral(".example.com")}));
        QVERIFY(acme.slug.startsWith(QStringLiteral("acme-inc")));
        QVERIFY(QRegularExpression(QStringLiteral("^[a-z][a-z0-9_-]*$")).match(find(s, m_hostile)->slug).hasMatch());

        const QList<qint64> ids = AdoptApplier(m_catalog).apply(s, listed(s), {});
        QCOMPARE(ids.size(), 2);
        QCOMPARE(ForeignFleet::catalogObject(acme.slug), QStringLiteral("schema:acme"));
        QCOMPARE(ForeignFleet::catalogObject(find(s, m_hostile)->slug), QStringLiteral("schema:") + m_hostile);
        const std::optional<ResolvedTenant> routed = CatalogClient::resolve(
            m_catalog, f.unique(QStringLiteral("shop-acme")) + QStringLiteral(".example.com"));
        QVERIFY(routed);
        QCOMPARE(routed->slug, acme.slug);
        QCOMPARE(
            m_catalog.exec(QStringLiteral("SELECT app_tenant_id FROM tenantdesk.tenants WHERE slug = $1"), {acme.slug})
                .text(0, 0),
            f.value(f.database(), QStringLiteral("SELECT id FROM public.customers_client WHERE schema_name = 'acme'")));
        QCOMPARE(m_catalog
                     .exec(QStringLiteral("SELECT l.layout FROM tenantdesk.app_layouts l JOIN tenantdesk.shards s "
                                          "ON s.id = l.shard_id WHERE s.name = $1"),
                           {f.shard()})
                     .text(0, 0),
                 QStringLiteral("django-tenants"));

        // Scanned again: what was adopted is owned now.
        const AdoptScan again = scan(f);
        QVERIFY(listed(again).isEmpty());
        QCOMPARE(again.layout.activeColumn, QStringLiteral("is_active")); // the recorded layout, as named
        QVERIFY(again.notes.join(u'\n').contains(QStringLiteral("recorded")));
        QVERIFY(find(again, QStringLiteral("stray")));

        // A tenant created through TenantDesk reaches the application's tables, in the schema's transaction.
        TenantSpec spec;
        spec.slug = f.unique(QStringLiteral("newco-"));
        spec.displayName = QStringLiteral("New Co");
        spec.shard = f.shard();
        spec.templateName = QStringLiteral("store");
        spec.domains = {spec.slug + QStringLiteral(".example.com")};
        TenantProvisioner(m_catalog, *m_shards).provision(spec);
        const QString schema = QString(spec.slug).replace(u'-', u'_');
        const QString row = QStringLiteral("SELECT c.name || '|' || d.domain || '|' || d.is_primary FROM "
                                           "public.customers_client c JOIN public.customers_domain d ON d.tenant_id = "
                                           "c.id WHERE c.schema_name = '")
                            + schema + u'\'';
        QCOMPARE(f.value(f.database(), row),
                 QStringLiteral("New Co|") + spec.domains.first() + QStringLiteral("|true"));

        TenantLifecycle lifecycle(m_catalog, *m_shards);
        const QString slug = spec.slug;
        lifecycle.rename(slug, QStringLiteral("Newer Co"));
        QVERIFY(f.value(f.database(), row).startsWith(QStringLiteral("Newer Co|")));
        // The layout's active column follows suspension.
        const QString active = QStringLiteral("SELECT is_active FROM public.customers_client WHERE schema_name = '")
                               + schema + u'\'';
        lifecycle.suspend(slug);
        QCOMPARE(f.value(f.database(), active), QStringLiteral("f"));
        lifecycle.resume(slug);
        QCOMPARE(f.value(f.database(), active), QStringLiteral("t"));
        lifecycle.remove(slug, slug, 0);
        QCOMPARE(f.value(f.database(), QStringLiteral("SELECT count(*) FROM public.customers_client WHERE "
                                                      "schema_name = '")
                                           + schema + u'\''),
                 QStringLiteral("0"));
        QCOMPARE(f.value(f.database(), QStringLiteral("SELECT count(*) FROM public.customers_domain WHERE domain = '")
                                           + spec.domains.first() + u'\''),
                 QStringLiteral("0"));
    }

    void apartmentAndSharedKeys()
    {
        ForeignFleet f(QStringLiteral("ap"));
        const QString taken = m_catalog
                                  .exec(QStringLiteral("SELECT tenant_key::text FROM tenantdesk.tenants WHERE "
                                                       "tenant_key IS NOT NULL LIMIT 1"))
                                  .text(0, 0);
        const QString fresh = QStringLiteral("7d9f1c2e-0b1a-4c3d-9e8f-") + f.unique(QStringLiteral("000000"));
        f.run(f.database(),
              QStringLiteral("CREATE TABLE public.customers (id serial PRIMARY KEY, tenant_name text UNIQUE, name "
                             "text);\nINSERT INTO public.customers (tenant_name, name) VALUES ('north', 'North "
                             "Ltd');\nCREATE SCHEMA north;\nCREATE SCHEMA shared;\n"
                             "CREATE TABLE shared.orders (id serial, tenant_id uuid NOT NULL);\n"
                             "CREATE TABLE shared.notes (id serial, tenant_id text);\n"
                             "INSERT INTO shared.notes (tenant_id) VALUES ('not-a-uuid');\n"
                             "INSERT INTO shared.orders (tenant_id) VALUES ('")
                  + fresh + QStringLiteral("'), ('") + fresh + u'\''
                  + (taken.isEmpty() ? QString() : QStringLiteral("), ('") + taken + u'\'') + QStringLiteral(");"),
              true);
        f.grantAppTables();
        // Readable by TenantDesk only once granted: until then, the scan says what to grant.
        try {
            scan(f, AppLayout::Kind::Apartment);
            QFAIL("the shared tables were read without the right to");
        } catch (const InputError& e) {
            QVERIFY2(e.message().contains(QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA shared")),
                     qPrintable(e.message()));
        }
        f.run(f.database(), QStringLiteral("GRANT USAGE ON SCHEMA shared TO tenantdesk_admin; GRANT SELECT ON ALL "
                                           "TABLES IN SCHEMA shared TO tenantdesk_admin;"));

        const AdoptScan s = scan(f, AppLayout::Kind::Apartment);
        QCOMPARE(s.layout.tenantTable.text(), QStringLiteral("public.customers"));
        const AdoptCandidate* north = find(s, QStringLiteral("north"));
        QVERIFY(north && north->listed);
        QCOMPARE(north->displayName, QStringLiteral("North Ltd"));
        const AdoptCandidate* key = find(s, fresh);
        QVERIFY2(key && key->model == IsolationModel::Shared, "a key of the shared tables no tenant has");
        if (!taken.isEmpty())
            QVERIFY2(!find(s, taken), "a key a catalog tenant has is not offered");
        QVERIFY(!find(s, QStringLiteral("shared")));
        QVERIFY(s.notes.join(u'\n').contains(QStringLiteral("not-a-uuid")));

        AdoptApplier(m_catalog).apply(s, {*north, *key}, {QStringLiteral("store"), 0});
        QCOMPARE(ForeignFleet::catalogObject(key->slug), QStringLiteral("shared:") + fresh);
        QCOMPARE(ForeignFleet::catalogObject(north->slug), QStringLiteral("schema:north"));
        QCOMPARE(
            m_catalog
                .exec(QStringLiteral("SELECT template_name FROM tenantdesk.tenants WHERE slug = $1"), {north->slug})
                .text(0, 0),
            QStringLiteral("store"));
    }

    // An Apartment app whose tenant list has no id column (Apartment prescribes no table): the scan
    // works, the tenant is adopted with no application id (NULL), and a rename through TenantDesk
    // finds its row in the app's table by schema name.
    void apartmentWithoutAnIdColumn()
    {
        ForeignFleet f(QStringLiteral("apx"));
        f.run(f.database(),
              QStringLiteral("CREATE TABLE public.accounts (subdomain text PRIMARY KEY, name text);\n"
                             "INSERT INTO public.accounts VALUES ('west', 'West Ltd');\nCREATE SCHEMA west;"),
              true);
        f.grantAppTables();
        const AdoptScan s = scan(f, AppLayout::Kind::Apartment,
                                 {{QStringLiteral("tenant_table"), QStringLiteral("public.accounts")},
                                  {QStringLiteral("schema_column"), QStringLiteral("subdomain")}});
        const AdoptCandidate* west = find(s, QStringLiteral("west"));
        QVERIFY(west && west->listed);
        QCOMPARE(west->displayName, QStringLiteral("West Ltd"));
        QVERIFY(west->appTenantId.isEmpty());
        QVERIFY(!AdoptApplier::preview(s, {*west}, {}).join(u'\n').contains(QStringLiteral("application id")));

        AdoptApplier(m_catalog).apply(s, {*west}, {});
        const PgResult row = m_catalog.exec(
            QStringLiteral("SELECT app_tenant_id IS NULL FROM tenantdesk.tenants WHERE slug = $1"), {west->slug});
        QVERIFY(row.toBool(0, 0));

        TenantLifecycle lifecycle(m_catalog, *m_shards);
        lifecycle.rename(west->slug, QStringLiteral("West Renamed"));
        QCOMPARE(f.value(f.database(), QStringLiteral("SELECT name FROM public.accounts WHERE subdomain = 'west'")),
                 QStringLiteral("West Renamed"));
        QCOMPARE(ForeignFleet::catalogObject(west->slug), QStringLiteral("schema:west"));
    }

    void badInputWritesNothing()
    {
        ForeignFleet f(QStringLiteral("bad"));
        buildDjango(f);
        auto expectUsage = [&](const std::function<void()>& call, const QString& part) {
            try {
                call();
                QFAIL("no error");
            } catch (const InputError& e) {
                QVERIFY2(e.message().contains(part), qPrintable(e.text()));
            }
            QCOMPARE(ForeignFleet::catalogTenantCount(f.shard()), 0);
            QCOMPARE(m_catalog
                         .exec(QStringLiteral("SELECT count(*) FROM tenantdesk.app_layouts l JOIN "
                                              "tenantdesk.shards s ON s.id = l.shard_id WHERE s.name = $1"),
                               {f.shard()})
                         .toInt(0, 0),
                     0);
        };
        // A layout table that does not exist: named, explicitly or for auto.
        expectUsage(
            [&] {
                scan(f, AppLayout::Kind::DjangoTenants,
                     {{QStringLiteral("tenant_table"), QStringLiteral("public.missing")}});
            },
            QStringLiteral("public.missing does not exist"));
        expectUsage(
            [&] {
                scan(f, std::nullopt, {{QStringLiteral("domain_table"), QStringLiteral("app.nope")}});
            },
            QStringLiteral("app.nope does not exist"));
        expectUsage([&] { scan(f, AppLayout::Kind::Stancl); }, QStringLiteral("public.tenants does not exist"));

        // A slug that collides with a tenant of the catalog.
        const AdoptScan s = scan(f);
        QList<AdoptCandidate> chosen = listed(s);
        chosen.first().slug = ForeignFleet::anyCatalogSlug();
        expectUsage([&] { AdoptApplier(m_catalog).apply(s, chosen, {}); }, QStringLiteral("collides"));
        // Twice the same slug in one choice, and a slug the catalog would refuse.
        chosen = listed(s);
        chosen[1].slug = chosen[0].slug;
        expectUsage([&] { AdoptApplier(m_catalog).apply(s, chosen, {}); }, QStringLiteral("both"));
        chosen = listed(s);
        chosen[0].slug = QStringLiteral("Bad Slug");
        expectUsage([&] { AdoptApplier(m_catalog).apply(s, chosen, {}); }, QStringLiteral("Nothing was adopted"));
        // A template that does not exist.
        expectUsage(
            [&] {
                AdoptApplier(m_catalog).apply(s, listed(s), {QStringLiteral("nosuch"), 1});
            },
            QStringLiteral("no template"));
    }
};

QTEST_GUILESS_MAIN(TestAdoptSchemaApps)
#include "TestAdoptSchemaApps.moc"
