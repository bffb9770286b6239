#include "ReadTable.h"
#include "ScratchTenant.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "base/InputError.h"
#include "browse/TenantObjectsLoader.h"
#include "browse/TenantReader.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "rows/KeysetPager.h"
#include "sandbox/SandboxState.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// What a support session may read in a tenant tab when the tenant's owner writes the objects:
// a view over another tenant's table, a view over a SECURITY DEFINER function that switches the
// tenant key, a partition in another tenant's schema, a view that would run pg_sleep, and a shared
// table whose policy does not really filter by the tenant key are all refused, with the reason,
// before any of their rows is read (through the core and through tenantctl browse); views over the
// tenant's own tables, and a shared table whose policy filters, are shown.
class TestTenantScope : public QObject {
    Q_OBJECT

    PgConnection m_catalog;

    TenantAccess access(const QString& slug)
    {
        return TenantAccess{TenantLocator::locate(m_catalog, slug),
                            TenantAccess::supportParamsFrom(TestFleet::catalogParams(), FleetRoles::standard().support),
                            {}};
    }

    // tenantctl browse, as support staff would run it on the sandbox.
    static TenantctlProcess browse(const QString& slug, const QString& table)
    {
        return TenantctlProcess::runWithoutCatalog({QStringLiteral("browse"), slug, table, QStringLiteral("--json"),
                                                    QStringLiteral("--limit"), QStringLiteral("1000"),
                                                    QStringLiteral("--dir"), TestFleet::sandboxDir()});
    }

    // Every row of the relation, read as the grid does: load (checked), then pages (checked).
    static QJsonArray rowsThroughCore(const TenantAccess& a, const QString& name)
    {
        PgConnection c;
        TenantReader reader(a);
        reader.connect(c);
        const BrowseTable table = readTable(c, reader, name);
        const KeysetPager pager(table, {});
        PageRequest request;
        request.limit = 1000;
        const BrowsePage page = reader.read(c, [&] {
            reader.scope().checkRelation(c, table.oid, table.schema, table.name);
            return pager.fetch(c, request);
        });
        QJsonArray rows;
        for (int row = 0; row < page.rowCount(); ++row) {
            QJsonObject o;
            for (int column = 0; column < table.columns.size(); ++column)
                o.insert(table.columns[column].name,
                         page.isNull(row, column) ? QJsonValue() : QJsonValue(page.text(row, column)));
            rows.append(o);
        }
        return rows;
    }

    // Refused through the core (PgError::Usage naming why) and through tenantctl (non-zero exit, why on
    // stderr).
    void expectRefused(const ScratchTenant& t, const QString& name, const QString& why)
    {
        const TenantAccess a = access(t.slug());
        try {
            rowsThroughCore(a, name);
            QFAIL(qPrintable(QStringLiteral("%1 was shown").arg(name)));
        } catch (const InputError& e) {
            QVERIFY2(e.text().contains(why), qPrintable(e.text()));
        }
        const TenantctlProcess run = browse(t.slug(), name);
        QVERIFY2(run.exitCode != 0, qPrintable(run.outText()));
        QVERIFY2(run.errText().contains(why), qPrintable(run.errText()));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.outText()));
    }

    // Shown through the core and through tenantctl, the same rows.
    QJsonArray expectShown(const ScratchTenant& t, const QString& name)
    {
        const QJsonArray rows = rowsThroughCore(access(t.slug()), name);
        const TenantctlProcess run = browse(t.slug(), name);
        [&] { QVERIFY2(run.exitCode == 0, qPrintable(run.errText())); }();
        const QJsonArray printed = QJsonDocument::fromJson(run.outText().toUtf8()).array();
        [&] { QCOMPARE(printed.size(), rows.size()); }();
        return rows;
    }

private slots:
    void initTestCase() { m_catalog.open(TestFleet::catalogParams().withSafeDefaults()); }

    void schemaTenantViewsReachOnlyTheirOwnTables()
    {
        ScratchTenant a(IsolationModel::Schema, QStringLiteral("scopea"));
        ScratchTenant b(IsolationModel::Schema, QStringLiteral("scopeb"));
        ScratchTenant s(IsolationModel::Shared, QStringLiteral("scopes"));
        b.run(QStringLiteral("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);"
                             "INSERT INTO customers VALUES (1, 'secret@b.example.com');"));
        s.run(QStringLiteral("INSERT INTO shared.customers (name, email, country) VALUES ('S', "
                             "'secret@s.example.com', 'DE')"));
        PgConnection shard;
        shard.open(TestFleet::shardParams(1).withSafeDefaults());
        const QString bCustomers = shard.quoteIdentifier(b.schema()) + QStringLiteral(".customers");
        const QString sKey = TenantLocator::locate(m_catalog, s.slug()).tenant.tenantKey;
        // All of it as the tenant's owner, in the tenant's own schema.
        a.run(
            QStringLiteral("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL);"
                           "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, "
                           "total numeric);"
                           "INSERT INTO customers VALUES (1, 'own@a.example.com'), (2, 'two@a.example.com');"
                           "INSERT INTO orders VALUES (1, 1, 10), (2, 1, 5), (3, 2, 7);"
                           // The tenant's own: a join with an aggregate, and a SQL-standard function over its table.
                           "CREATE VIEW totals AS SELECT c.email, count(o.id) AS orders, sum(o.total) AS total "
                           "  FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.email;"
                           "CREATE FUNCTION customer_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC "
                           "  SELECT count(*) FROM customers; END;"
                           "CREATE VIEW counted AS SELECT customer_count() AS n;"
                           "CREATE TABLE own_parted (id int, email text) PARTITION BY RANGE (id);"
                           "CREATE TABLE own_part PARTITION OF own_parted FOR VALUES FROM (0) TO (100);"
                           "INSERT INTO own_parted VALUES (1, 'own@a.example.com');"
                           // A domain whose check runs a volatile function when a view casts to it.
                           "CREATE DOMAIN lucky AS int CHECK (random() >= 0);"
                           "CREATE VIEW casted AS SELECT id::lucky AS id FROM customers;"
                           // Another tenant's table: directly, through a SQL-standard function, as a partition.
                           "CREATE VIEW stolen AS SELECT * FROM %1;"
                           "CREATE FUNCTION stolen_emails() RETURNS SETOF text LANGUAGE sql STABLE BEGIN ATOMIC "
                           "  SELECT email FROM %1; END;"
                           "CREATE VIEW stolen_through_function AS SELECT stolen_emails() AS email;"
                           "CREATE TABLE parted (id int, email text) PARTITION BY RANGE (id);"
                           "CREATE TABLE %2.part_elsewhere PARTITION OF parted FOR VALUES FROM (0) TO (100);"
                           "INSERT INTO %2.part_elsewhere VALUES (1, 'secret@b.example.com');"
                           // A SECURITY DEFINER function that switches to another tenant's key and reads.
                           "CREATE FUNCTION peek() RETURNS SETOF shared.customers LANGUAGE plpgsql SECURITY DEFINER "
                           "AS $f$ "
                           "  BEGIN PERFORM pg_catalog.set_config('app.tenant_id', '%3', true); "
                           "  RETURN QUERY SELECT * FROM shared.customers; END $f$;"
                           "CREATE VIEW peeked AS SELECT * FROM peek();"
                           // A function that reads whatever table its text names.
                           "CREATE VIEW as_xml AS SELECT query_to_xml('SELECT * FROM ' || '%1', true, false, '') AS x;"
                           // A view that would keep the support session busy.
                           "CREATE VIEW sleepy AS SELECT id, pg_sleep(3) IS NULL AS slept FROM customers;")
                .arg(bCustomers, shard.quoteIdentifier(b.schema()), sKey));
        b.run(QStringLiteral("SELECT 1")); // grants SELECT on the partition to support
        ScratchTenant::waitForReplica();

        QCOMPARE(expectShown(a, QStringLiteral("totals")).size(), 2);
        QCOMPARE(expectShown(a, QStringLiteral("counted")).first().toObject().value(QStringLiteral("n")).toString(),
                 QStringLiteral("2"));
        QCOMPARE(expectShown(a, QStringLiteral("customers")).size(), 2);
        QCOMPARE(expectShown(a, QStringLiteral("own_parted")).size(), 1);

        const QString notOwn = QStringLiteral("which is not this tenant's");
        expectRefused(a, QStringLiteral("stolen"), b.schema() + QStringLiteral(".customers, ") + notOwn);
        expectRefused(a, QStringLiteral("stolen_through_function"),
                      b.schema() + QStringLiteral(".customers, ") + notOwn);
        expectRefused(a, QStringLiteral("parted"), b.schema() + QStringLiteral(".part_elsewhere, ") + notOwn);
        expectRefused(a, QStringLiteral("peeked"), QStringLiteral("SECURITY DEFINER"));
        expectRefused(a, QStringLiteral("as_xml"), QStringLiteral("query_to_xml"));
        expectRefused(a, QStringLiteral("casted"), QStringLiteral("volatile function random()"));

        // Refused from pg_catalog: the view is never run, so refusing it takes no 3 s per row.
        QElapsedTimer timer;
        timer.start();
        try {
            rowsThroughCore(access(a.slug()), QStringLiteral("sleepy"));
            QFAIL("sleepy was shown");
        } catch (const InputError& e) {
            QVERIFY2(e.text().contains(QStringLiteral("volatile")) && e.text().contains(QStringLiteral("pg_sleep")),
                     qPrintable(e.text()));
        }
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        expectRefused(a, QStringLiteral("sleepy"), QStringLiteral("pg_sleep"));
    }

    // Code the owner wrote that PostgreSQL finds only while a query runs: a cast to json that
    // to_json, row_to_json and their kin call for the owner's type (in a view, or in a policy on a
    // plain table), and the check of a domain reached through an array of it.
    void ownersCodeFoundOnlyAtRunTimeIsRefused()
    {
        ScratchTenant a(IsolationModel::Schema, QStringLiteral("runtime"));
        a.run(QStringLiteral(
            "CREATE TYPE flavor AS ENUM ('x', 'y');"
            "CREATE FUNCTION flavor_json(v flavor) RETURNS json LANGUAGE plpgsql IMMUTABLE AS "
            "$$ BEGIN RAISE EXCEPTION 'owner code ran as %', current_user; END $$;"
            "CREATE CAST (flavor AS json) WITH FUNCTION flavor_json(flavor);"
            "CREATE TABLE base (id int PRIMARY KEY, f flavor);"
            "INSERT INTO base VALUES (1, 'x');"
            "CREATE VIEW to_json_view AS SELECT id, to_json(f) AS j FROM base;"
            "CREATE VIEW row_json_view AS SELECT id, row_to_json(b) AS j FROM base b;"
            "CREATE TABLE notes (id int PRIMARY KEY, f flavor);"
            "INSERT INTO notes VALUES (1, 'x');"
            "ALTER TABLE notes ENABLE ROW LEVEL SECURITY;"
            "CREATE POLICY peek ON notes FOR SELECT USING ((to_jsonb(f) ->> 0) IS NULL);"
            "CREATE FUNCTION spy(v flavor) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS "
            "$$ BEGIN RAISE EXCEPTION 'owner code ran as %', current_user; END $$;"
            "CREATE DOMAIN checked AS flavor CHECK (spy(VALUE));"
            "CREATE VIEW domain_array_view AS SELECT id, ('{' || f::text || '}')::checked[] AS t FROM base;"
            "CREATE VIEW plain_json_view AS SELECT id, to_json(id) AS j FROM base;"));
        ScratchTenant::waitForReplica();
        const QString casts = QStringLiteral("casts to json");
        expectRefused(a, QStringLiteral("to_json_view"), casts);
        expectRefused(a, QStringLiteral("row_json_view"), casts);
        expectRefused(a, QStringLiteral("notes"), casts);
        expectRefused(a, QStringLiteral("domain_array_view"), QStringLiteral("spy(flavor)"));
        // While such a cast exists, to_json is refused whatever it is given: what it calls depends on
        // the row's types, which the catalog does not tie to the view.
        expectRefused(a, QStringLiteral("plain_json_view"), casts);
    }

    // Owner's code that the planner or a whole-row value reaches: a domain check through a row
    // type (json_populate_record in a policy), an operator's negator (NOT a === b), a range's
    // subtype difference (estimating &&); and a database search_path that would put the owner's
    // functions ahead of PostgreSQL's before the tenant scope is set.
    void ownersCodeReachedByThePlannerIsRefused()
    {
        ScratchTenant a(IsolationModel::Schema, QStringLiteral("planner"));
        const QString spy = QStringLiteral(
            "LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN IF current_user = 'tenantdesk_support' THEN RAISE "
            "EXCEPTION 'owner code ran as %', current_user; END IF; RETURN %1; END $$;");
        a.run(QStringLiteral("CREATE FUNCTION chk(v int) RETURNS boolean ") + spy.arg(QStringLiteral("true"))
              + QStringLiteral("CREATE FUNCTION evil_ne(x int, y int) RETURNS boolean ")
              + spy.arg(QStringLiteral("x <> y"))
              + QStringLiteral("CREATE FUNCTION fdiff(x float8, y float8) RETURNS float8 ")
              + spy.arg(QStringLiteral("x - y"))
              + QStringLiteral("CREATE DOMAIN posdom AS int CHECK (chk(VALUE));"
                               "CREATE TABLE notes (id int PRIMARY KEY, d posdom);"
                               "INSERT INTO notes VALUES (1, 1);"
                               "ALTER TABLE notes ENABLE ROW LEVEL SECURITY;"
                               "CREATE POLICY p ON notes FOR SELECT USING "
                               "(pg_catalog.format('%s', pg_catalog.json_populate_record(notes, '{\"d\": 2}')) <> '');"
                               "CREATE OPERATOR !== (LEFTARG = int, RIGHTARG = int, FUNCTION = evil_ne);"
                               "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = pg_catalog.int4eq, "
                               "NEGATOR = !==);"
                               "CREATE TABLE negated (id int PRIMARY KEY, v int);"
                               "INSERT INTO negated VALUES (1, 1), (2, 2);"
                               "CREATE VIEW negated_view AS SELECT id FROM negated WHERE NOT (v === 0);"
                               "CREATE TYPE frange AS RANGE (subtype = float8, subtype_diff = fdiff);"
                               "CREATE TABLE ranged (id int PRIMARY KEY, r frange);"
                               "INSERT INTO ranged SELECT g, frange(g, g + 1) FROM generate_series(1, 1000) g;"
                               "ANALYZE ranged;"
                               "CREATE VIEW ranged_view AS SELECT id FROM ranged WHERE r && '[5,6)'::frange;"
                               "CREATE TABLE parts (n int, note text) PARTITION BY RANGE (n);"
                               "CREATE TABLE parts_low PARTITION OF parts FOR VALUES FROM (0) TO (10);"
                               "CREATE TABLE parts_high PARTITION OF parts FOR VALUES FROM (10) TO (20);"
                               "INSERT INTO parts VALUES (1, 'a'), (2, 'b'), (11, 'c'), (12, 'd');"));
        ScratchTenant::waitForReplica();
        expectRefused(a, QStringLiteral("notes"), QStringLiteral("chk(integer)"));
        expectRefused(a, QStringLiteral("negated_view"), QStringLiteral("evil_ne(integer,integer)"));
        expectRefused(a, QStringLiteral("ranged_view"), QStringLiteral("fdiff(double precision,double precision)"));

        // Rows of a parent come from several tables, whose ctids repeat: it pages by position.
        PgConnection c;
        TenantReader reader(access(a.slug()));
        reader.connect(c);
        const BrowseTable parts = readTable(c, reader, QStringLiteral("parts"));
        QCOMPARE(parts.keyKind, BrowseTable::KeyKind::Position);
        QCOMPARE(expectShown(a, QStringLiteral("parts")).size(), 4);

        ScratchTenant d(IsolationModel::Database, QStringLiteral("searchpath"));
        d.run(QStringLiteral("CREATE FUNCTION public.pg_is_in_recovery() RETURNS boolean ")
              + spy.arg(QStringLiteral("pg_catalog.pg_is_in_recovery()"))
              + QStringLiteral("CREATE TABLE items (id int PRIMARY KEY);"
                               "INSERT INTO items VALUES (1);"
                               "DO $$ BEGIN EXECUTE pg_catalog.format('ALTER DATABASE %I SET search_path = public, "
                               "pg_catalog', pg_catalog.current_database()); END $$;"));
        ScratchTenant::waitForReplica();
        QCOMPARE(expectShown(d, QStringLiteral("items")).size(), 1);
        // Not by falling back to the primary because the replica's lag query ran the owner's code.
        const TenantctlProcess run = browse(d.slug(), QStringLiteral("items"));
        QVERIFY2(!run.errText().contains(QStringLiteral("ran as")), qPrintable(run.errText()));
    }

    // What was checked stays as it was until the rows are read: the view cannot be replaced by one
    // over another tenant's table between the check and the read.
    void aCheckedViewCannotBeReplacedBeforeItIsRead()
    {
        ScratchTenant a(IsolationModel::Schema, QStringLiteral("swap"));
        a.run(QStringLiteral("CREATE TABLE customers (id int PRIMARY KEY, email text);"
                             "CREATE VIEW swapped AS SELECT id, email FROM customers;"));
        TenantAccess onPrimary = access(a.slug());
        onPrimary.maxLagSeconds = -1; // no replica is that fresh: the primary, where the owner writes
        PgConnection c;
        TenantReader reader(onPrimary);
        reader.connect(c);
        const BrowseTable view = readTable(c, reader, QStringLiteral("swapped"));
        QString replaced;
        reader.read(c, [&] {
            reader.scope().checkRelation(c, view.oid, view.schema, view.name);
            PgConnection owner;
            owner.open(TestFleet::shardParams(1).withSafeDefaults());
            try {
                owner.execScript(
                    QStringLiteral("BEGIN; SET LOCAL lock_timeout = '500ms'; SET LOCAL ROLE %1;"
                                   "CREATE OR REPLACE VIEW %2.swapped AS SELECT id, email FROM "
                                   "pg_catalog.pg_class, %2.customers; COMMIT")
                        .arg(owner.quoteIdentifier(SandboxRoles::owner), owner.quoteIdentifier(a.schema())));
                replaced = QStringLiteral("the view was replaced while it was being read");
            } catch (const PgError& e) {
                if (!e.message().contains(QStringLiteral("lock timeout")))
                    replaced = e.message();
            }
            return 0;
        });
        QVERIFY2(replaced.isEmpty(), qPrintable(replaced));
    }

    void sharedTablePoliciesAreProvedByAProbe()
    {
        ScratchTenant s1(IsolationModel::Shared, QStringLiteral("probe1"));
        ScratchTenant s2(IsolationModel::Shared, QStringLiteral("probe2"));
        const QString s1Key = TenantLocator::locate(m_catalog, s1.slug()).tenant.tenantKey;
        const QString suffix = s1.slug().section(u'-', -1);
        const QString loose = QStringLiteral("tdtest_notnull_") + suffix;
        const QString proper = QStringLiteral("tdtest_proper_") + suffix;
        const QString favoured = QStringLiteral("tdtest_favoured_") + suffix;
        const QString hidden = QStringLiteral("tdtest_hidden_") + suffix; // not granted to support
        const QString create = QStringLiteral(
            "CREATE TABLE shared.%1 (tenant_id uuid NOT NULL DEFAULT current_setting('app.tenant_id')::uuid, "
            "  id int, note text, PRIMARY KEY (tenant_id, id));"
            "ALTER TABLE shared.%1 ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;"
            "CREATE POLICY tenant_isolation ON shared.%1 USING (%2);"
            "GRANT SELECT ON shared.%1 TO tenantdesk_support;");
        s1.run(
            create.arg(loose, QStringLiteral("current_setting('app.tenant_id', true) IS NOT NULL"))
            + create.arg(proper, QStringLiteral("tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid"))
            // Filters by the key, except that it lets s1 see every tenant's rows.
            + create.arg(favoured,
                         QStringLiteral("tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid "
                                        "OR current_setting('app.tenant_id', true) = '%1'")
                             .arg(s1Key))
            + QStringLiteral("CREATE TABLE shared.%1 (tenant_id uuid, id int);"
                             "REVOKE ALL ON shared.%1 FROM tenantdesk_support;")
                  .arg(hidden));
        s1.runWhenGone(QStringLiteral("DROP TABLE shared.%1, shared.%2, shared.%3, shared.%4")
                           .arg(loose, proper, favoured, hidden));
        const QString insert = QStringLiteral("INSERT INTO shared.%1 (id, note) VALUES (1, 'mine'), (2, 'mine too');");
        s1.run(insert.arg(loose) + insert.arg(proper) + insert.arg(favoured));
        s2.run(insert.arg(loose) + insert.arg(proper) + insert.arg(favoured));
        ScratchTenant::waitForReplica();

        expectRefused(s1, loose, QStringLiteral("tenant key that does not exist"));
        const QJsonArray own = expectShown(s1, proper);
        QCOMPARE(own.size(), 2);
        for (const QJsonValue& row : own)
            QCOMPARE(row.toObject().value(QStringLiteral("tenant_id")).toString(), s1Key);
        // The probe cannot see a policy that favours this very tenant; every statement on a shared
        // table names the tenant key itself, so s2's rows stay out all the same.
        const QJsonArray favouredRows = expectShown(s1, favoured);
        QCOMPARE(favouredRows.size(), 2);
        for (const QJsonValue& row : favouredRows)
            QCOMPARE(row.toObject().value(QStringLiteral("tenant_id")).toString(), s1Key);

        // The tenant's object list judges every shared table at once, one support may not read too.
        const TenantAccess a = access(s1.slug());
        PgConnection c;
        TenantReader reader(a);
        reader.connect(c);
        const QList<TenantObject> objects = reader.read(c,
                                                        [&] { return TenantObjectsLoader::load(c, reader.scope()); });
        auto refusal = [&](const QString& name) {
            for (const TenantObject& o : objects) {
                if (o.name == name)
                    return o.refusal;
            }
            return QStringLiteral("not listed");
        };
        QVERIFY2(refusal(loose).contains(QStringLiteral("tenant key that does not exist")), qPrintable(refusal(loose)));
        QVERIFY2(refusal(hidden).contains(QStringLiteral("may not read it")), qPrintable(refusal(hidden)));
        QVERIFY2(refusal(proper).isEmpty(), qPrintable(refusal(proper)));
        QVERIFY2(refusal(QStringLiteral("customers")).isEmpty(), qPrintable(refusal(QStringLiteral("customers"))));
    }
};

QTEST_GUILESS_MAIN(TestTenantScope)
#include "TestTenantScope.moc"
