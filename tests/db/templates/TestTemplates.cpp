#include "ProvisionTestKit.h"
#include "TestFleet.h"
#include "catalog/FleetRoles.h"
#include "provision/ShardDirectory.h"
#include "templates/TemplateAdder.h"
#include "templates/TemplateDiff.h"
#include "templates/TemplateImporter.h"
#include "templates/TemplateStore.h"

#include <QRandomGenerator>
#include <QTest>

using namespace ProvisionTestKit;

// Template versions added from DDL, imported from a tenant made by hand (an application's role
// owns it, its names are hostile), and compared, against the shared sandbox. Every template here
// has a name of its own (tdtpl-<random>), so the seeded templates are never touched.
class TestTemplates : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    std::unique_ptr<ShardConnections> m_shards;
    PgConnection m_super; // shard 1's tenants database as the superuser: builds the foreign tenant

    static QString uniqueName(const QString& purpose)
    {
        return QStringLiteral("tdtpl-%1-%2")
            .arg(purpose)
            .arg(QRandomGenerator::global()->generate() % 0xffffff, 6, 16, QLatin1Char('0'));
    }

    TemplateAdder::Added add(const QString& name, IsolationModel model, const QString& ddl, const QString& upgrade = {})
    {
        TemplateDraft draft{name, model, 0, ddl, upgrade, QStringLiteral("test"), QStringLiteral("template.add"), {}};
        TemplateAdder adder(m_catalog, *m_shards);
        return adder.add(draft, adder.shard(QStringLiteral("shard-1")));
    }

    qint64 scratchLeft()
    {
        return m_super
            .exec(QStringLiteral("SELECT (SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname LIKE "
                                 "'tenantdesk\\_scratch\\_%') + (SELECT count(*) FROM pg_catalog.pg_database "
                                 "WHERE datname LIKE 'tenantdesk\\_scratch\\_%')"))
            .toInt(0, 0);
    }

    qint64 audited(const QString& name)
    {
        return m_catalog
            .exec(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE details->>'template' = $1"), {name})
            .toInt(0, 0);
    }

    TemplateStructure structureOf(const QString& schema)
    {
        PgConnection& c = m_shards->to(ShardDirectory::byName(m_catalog, QStringLiteral("shard-1")),
                                       QStringLiteral("tenants"));
        return TemplateStructure::load(c, schema);
    }

private slots:
    void initTestCase()
    {
        openAdminFleet(m_catalog, m_shards);
        m_super.open(TestFleet::shardParams(1, SandboxRoles::superuser).withSafeDefaults());
    }

    // The scratch place is made and used as the owner role of the ShardConnections it is handed
    // (the roles its caller loaded), not as the catalog's: one that does not exist is refused.
    void scratchRunsAsTheOwnerOfTheRolesGiven()
    {
        FleetRoles roles = FleetRoles::standard();
        roles.owner = QStringLiteral("tdtpl_owner_given_here");
        ShardConnections shards(TestFleet::catalogParams().withSafeDefaults(), roles);
        const QString name = uniqueName(QStringLiteral("owner"));
        TemplateDraft draft{name,
                            IsolationModel::Schema,
                            0,
                            QStringLiteral("CREATE TABLE a (id int);"),
                            {},
                            QStringLiteral("test"),
                            QStringLiteral("template.add"),
                            {}};
        TemplateAdder adder(m_catalog, shards);
        try {
            adder.add(draft, adder.shard(QStringLiteral("shard-1")));
            QFAIL("the DDL ran as another role than the one given");
        } catch (const Failure& e) {
            QVERIFY2(e.message().contains(roles.owner), qPrintable(e.message()));
        }
        QCOMPARE(audited(name), 0);
        QCOMPARE(scratchLeft(), 0);
    }

    void brokenDdlIsRefusedAndNothingStored_data()
    {
        QTest::addColumn<int>("model");
        QTest::addColumn<QString>("ddl");
        QTest::addColumn<QString>("message");
        const QString missing = QStringLiteral("CREATE TABLE a (id int PRIMARY KEY);\n"
                                               "CREATE TABLE b (a_id int REFERENCES nosuch (id));");
        QTest::newRow("schema") << int(IsolationModel::Schema) << missing
                                << QStringLiteral("\"nosuch\" does not exist");
        QTest::newRow("database") << int(IsolationModel::Database) << missing
                                  << QStringLiteral("\"nosuch\" does not exist");
        // A shared template makes the shared schema of a shard that has none yet.
        QTest::newRow("shared") << int(IsolationModel::Shared)
                                << QStringLiteral("CREATE SCHEMA shared;\nCREATE TABLE shared.a (id int, id int);")
                                << QStringLiteral("specified more than once");
        // It would end the scratch transaction (and provisioning's): refused before anything runs.
        QTest::newRow("commit") << int(IsolationModel::Schema)
                                << QStringLiteral("CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);")
                                << QStringLiteral("must not begin or end transactions");
        QTest::newRow("empty") << int(IsolationModel::Schema) << QStringLiteral("  \n") << QStringLiteral("empty");
    }

    void brokenDdlIsRefusedAndNothingStored()
    {
        QFETCH(int, model);
        QFETCH(QString, ddl);
        QFETCH(QString, message);
        const QString name = uniqueName(QStringLiteral("broken"));
        const qint64 scratchBefore = scratchLeft();
        try {
            add(name, IsolationModel(model), ddl);
            QFAIL("a broken DDL was stored");
        } catch (const Failure& e) {
            QVERIFY2(e.text().contains(message), qPrintable(e.text()));
        }
        QCOMPARE(TemplateStore::latestVersion(m_catalog, name, IsolationModel(model)), 0);
        QCOMPARE(audited(name), 0);
        QCOMPARE(scratchLeft(), scratchBefore);
    }

    void versionsFollowAndDeltaMustMatch()
    {
        const QString name = uniqueName(QStringLiteral("delta"));
        const QString v1 = QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, a text);");
        QCOMPARE(add(name, IsolationModel::Schema, v1).draft.version, 1);
        const QString v2 = QStringLiteral("CREATE TABLE t (id int PRIMARY KEY, a text, b int NOT NULL DEFAULT 0);");
        // A delta that makes something else than v2's DDL: refused, nothing stored.
        expectInputError(
            [&] { add(name, IsolationModel::Schema, v2, QStringLiteral("ALTER TABLE t ADD COLUMN b int;")); },
            QStringLiteral("~ column t.b: integer -> integer NOT NULL DEFAULT 0"));
        QCOMPARE(TemplateStore::latestVersion(m_catalog, name, IsolationModel::Schema), 1);
        const TemplateAdder::Added added = add(name, IsolationModel::Schema, v2,
                                               QStringLiteral("ALTER TABLE t ADD COLUMN b int NOT NULL DEFAULT 0;"));
        QCOMPARE(added.draft.version, 2);
        QCOMPARE(TemplateStore::ddl(m_catalog, name, IsolationModel::Schema, 2), v2);
        QCOMPARE(audited(name), 2);
        // An existing version is never replaced.
        TemplateDraft again{name, IsolationModel::Schema, 2, v1, {}, {}, QStringLiteral("template.add"), {}};
        expectInputError([&] { TemplateAdder(m_catalog, *m_shards).add(again, ShardDirectory::automatic(m_catalog)); },
                         QStringLiteral("exists already"));
        QCOMPARE(TemplateStore::ddl(m_catalog, name, IsolationModel::Schema, 2), v2);
    }

    void importFromForeignTenantWithHostileNames()
    {
        const QString suffix = QString::number(QRandomGenerator::global()->generate() % 0xffffff, 16);
        const QString appRole = QStringLiteral("tdtpl_app_") + suffix;
        const QString schema = QStringLiteral("we\"ird\n{x}$1 %1 -- /* ") + suffix;
        const QString slug = QStringLiteral("tdtpl-src-") + suffix;
        const QString s = m_super.quoteIdentifier(schema);
        const QString role = m_super.quoteIdentifier(appRole);
        m_super.execScript(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(role));
        m_super.execScript(QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION %2").arg(s, role));
        m_super.transaction([&] {
            m_super.execScript(QStringLiteral("SET LOCAL ROLE ") + role);
            m_super.exec(QStringLiteral("SELECT pg_catalog.set_config('search_path', $1, true)"), {s});
            m_super.execScript(QStringLiteral(R"sql(
CREATE TYPE "mood{1}" AS ENUM ('sad', 'o''k', 'happy');
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TABLE "Odd ""Table""" (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                               "col$1" text DEFAULT '{x} -- not a comment', m "mood{1}", p posint);
CREATE SEQUENCE "seq%1" START 5;
CREATE TABLE t2 (id bigserial PRIMARY KEY, ref integer REFERENCES "Odd ""Table""" (id),
                 note text NOT NULL DEFAULT 'a;b /* c */');
CREATE INDEX "idx
nl" ON t2 (note);
CREATE FUNCTION cnt() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM t2; $$;
CREATE VIEW v AS SELECT t.id, t.note FROM t2 t WHERE t.note <> 'x';
CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE parted_2024 PARTITION OF parted FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE t2 ENABLE ROW LEVEL SECURITY;
CREATE POLICY p1 ON t2 USING (note IS NOT NULL);
)sql"));
        });
        m_catalog.exec(QStringLiteral("INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, "
                                      "schema_name, state) SELECT $1, $1, 'schema', id, $2, 'active' "
                                      "FROM tenantdesk.shards WHERE name = 'shard-1'"),
                       {slug, schema});
        const QString name = uniqueName(QStringLiteral("imported"));
        const QString created = uniqueSlug(QStringLiteral("fromimport"));
        auto cleanUp = [&] {
            m_catalog.exec(QStringLiteral("DELETE FROM tenantdesk.tenants WHERE slug IN ($1, $2)"), {slug, created});
            m_super.execScript(QStringLiteral("SET client_min_messages = warning"));
            m_super.execScript(QStringLiteral("DROP SCHEMA IF EXISTS %1, %2 CASCADE")
                                   .arg(s, m_super.quoteIdentifier(TenantNames::schemaName(created))));
            if (m_super.exec(QStringLiteral("SELECT to_regclass('tenantdesk_shard.template_versions') IS NOT NULL"))
                    .toBool(0, 0))
                m_super.exec(QStringLiteral("DELETE FROM tenantdesk_shard.template_versions WHERE schema_name = $1"),
                             {TenantNames::schemaName(created)});
            m_super.execScript(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
        };
        try {
            // The admin may not read what the application's role owns: refused with the grant that fixes it.
            const QString admin = FleetRoles::load(m_catalog).admin;
            expectInputError([&] { TemplateImporter(m_catalog, *m_shards).import(slug, name, 0); },
                             QStringLiteral("GRANT %1 TO %2;").arg(role, m_super.quoteIdentifier(admin)));
            QCOMPARE(TemplateStore::latestVersion(m_catalog, name, IsolationModel::Schema), 0);
            m_super.execScript(QStringLiteral("GRANT %1 TO %2").arg(role, m_super.quoteIdentifier(admin)));

            const TemplateImporter::Imported imported = TemplateImporter(m_catalog, *m_shards).import(slug, name, 0);
            QVERIFY2(imported.notes.isEmpty(), qPrintable(imported.notes.join(u'\n')));
            QCOMPARE(imported.added.draft.version, 1);
            const QString ddl = TemplateStore::ddl(m_catalog, name, IsolationModel::Schema, 1);
            QVERIFY2(!ddl.contains(s), qPrintable(ddl));
            QVERIFY(!ddl.contains(QLatin1String("\\restrict")));
            QVERIFY(ddl.contains(QLatin1String("'{x} -- not a comment'")));

            // A tenant provisioned from the imported version is made like the source.
            TenantSpec spec = ProvisionTestKit::spec(created, IsolationModel::Schema);
            spec.templateName = name;
            spec.templateVersion = 1;
            spec.domains.clear();
            TenantProvisioner(m_catalog, *m_shards).provision(spec);
            const TemplateStructure source = structureOf(schema);
            const TemplateStructure made = structureOf(TenantNames::schemaName(created));
            QVERIFY(source.size() > 25);
            QStringList differences;
            for (const TemplateChange& c : source.changesTo(made))
                differences << c.text();
            QVERIFY2(differences.isEmpty(), qPrintable(differences.join(u'\n')));
        } catch (...) {
            cleanUp();
            throw;
        }
        cleanUp();
    }

    void importRefusesSharedTenant()
    {
        const QString shared = m_catalog
                                   .exec(QStringLiteral("SELECT slug FROM tenantdesk.tenants WHERE isolation_model = "
                                                        "'shared' ORDER BY id LIMIT 1"))
                                   .text(0, 0);
        expectInputError(
            [&] { TemplateImporter(m_catalog, *m_shards).import(shared, uniqueName(QStringLiteral("x")), 0); },
            QStringLiteral("shared-table tenant"));
    }

    void diffFindsAddedColumnAndDroppedIndex()
    {
        const QString name = uniqueName(QStringLiteral("diff"));
        add(name, IsolationModel::Schema,
            QStringLiteral("CREATE TABLE orders (id int PRIMARY KEY, placed date);\n"
                           "CREATE INDEX orders_placed ON orders (placed);\nCREATE TABLE gone (id int);"));
        add(name, IsolationModel::Schema,
            QStringLiteral("CREATE TABLE orders (id int PRIMARY KEY, placed date, note text);\n"
                           "CREATE TYPE state AS ENUM ('new', 'done');"));
        const TemplateDiff::Result r = TemplateDiff(m_catalog, *m_shards)
                                           .compare(name, std::nullopt, 1, 2, QStringLiteral("shard-1"));
        QVERIFY(r.structural);
        QStringList changes;
        for (const TemplateChange& c : r.changes)
            changes << c.text();
        changes.sort();
        QCOMPARE(
            changes,
            (QStringList{QStringLiteral("+ column orders.note: text"), QStringLiteral("+ enum state: 'new', 'done'"),
                         QStringLiteral("- index orders.orders_placed"), QStringLiteral("- table gone")}));
    }

    void diffOfSeededTemplates_data()
    {
        QTest::addColumn<int>("model");
        QTest::newRow("schema") << int(IsolationModel::Schema);
        QTest::newRow("database") << int(IsolationModel::Database);
        // Its DDL creates the shared schema itself, which every shard of the sandbox has already.
        QTest::newRow("shared") << int(IsolationModel::Shared);
    }

    void diffOfSeededTemplates()
    {
        QFETCH(int, model);
        const TemplateDiff::Result r = TemplateDiff(m_catalog, *m_shards)
                                           .compare(QStringLiteral("store"), IsolationModel(model), 1, 1,
                                                    QStringLiteral("shard-1"));
        QVERIFY2(r.structural, qPrintable(r.whyText));
        QVERIFY(r.changes.isEmpty());
    }

    void diffFallsBackToText()
    {
        // A version stored before DDL was checked, which no longer runs: compared as text.
        const QString name = uniqueName(QStringLiteral("text"));
        add(name, IsolationModel::Schema, QStringLiteral("CREATE TABLE a (id int);"));
        m_catalog.exec(QStringLiteral("INSERT INTO tenantdesk.templates (name, version, isolation_model, ddl) "
                                      "VALUES ($1, 2, 'schema', $2)"),
                       {name, QStringLiteral("CREATE TABLE a (id int);\nCREATE TABLE b (x nosuchtype);")});
        const TemplateDiff::Result r = TemplateDiff(m_catalog, *m_shards)
                                           .compare(name, IsolationModel::Schema, 1, 2, QStringLiteral("shard-1"));
        QVERIFY(!r.structural);
        QVERIFY2(r.whyText.contains(QLatin1String("nosuchtype")), qPrintable(r.whyText));
        QVERIFY2(r.textDiff.contains(QStringLiteral("+CREATE TABLE b (x nosuchtype);")),
                 qPrintable(r.textDiff.join(u'\n')));
        QVERIFY(r.textDiff.contains(QStringLiteral(" CREATE TABLE a (id int);")));
    }
};

QTEST_GUILESS_MAIN(TestTemplates)
#include "TestTemplates.moc"
