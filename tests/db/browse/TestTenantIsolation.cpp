#include "ExpectInputError.h"
#include "ReadTable.h"
#include "ScratchTenant.h"
#include "TestFleet.h"
#include "browse/BrowseTableLoader.h"
#include "browse/TenantReader.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "rows/KeysetPager.h"

#include <QRandomGenerator>
#include <QTest>

#include <functional>

// No wrong tenant: a shared-table tenant sees its own rows only, also after a rolled-back read
// and on a reused connection; an unset tenant setting shows nothing; a schema tenant cannot
// reach another's tables; and a shared table that row-level security does not really guard
// (not enabled, not forced, a policy that ignores app.tenant_id, a view, an owner browsing) is
// refused with the reason, before any row is read.
class TestTenantIsolation : public QObject {
    Q_OBJECT

    PgConnection m_catalog;
    const QStringList m_sharedTables{QStringLiteral("customers"), QStringLiteral("items"), QStringLiteral("orders"),
                                     QStringLiteral("order_lines")};

    TenantAccess access(const QString& tenant, const QString& role = FleetRoles::standard().support)
    {
        return TenantAccess{TenantLocator::locate(m_catalog, tenant),
                            TenantAccess::supportParamsFrom(TestFleet::catalogParams(), role),
                            {}};
    }

    // The tenant_id of every row of a shared table, paged as the grid does.
    static QStringList tenantIdsOf(PgConnection& c, TenantReader& reader, const BrowseTable& table)
    {
        const KeysetPager pager(table, {});
        QStringList ids;
        PageRequest request;
        request.limit = 500;
        for (;;) {
            const BrowsePage page = reader.read(c, [&] {
                reader.scope().checkRelation(c, table.oid, table.schema, table.name);
                return pager.fetch(c, request);
            });
            for (int row = 0; row < page.rowCount(); ++row)
                ids << page.text(row, 0);
            if (page.rowCount() < request.limit)
                return ids;
            request.from = PageRequest::From::After;
            request.anchor = page.lastKey();
        }
    }

    // How many rows of a shared table belong to key, counted by the owner (forced RLS binds it too).
    static qint64 ownerCount(const QString& table, const QString& key, int shard)
    {
        PgConnection owner;
        owner.open(TestFleet::shardParams(shard).withSafeDefaults());
        return owner.transaction([&] {
            owner.execScript(QStringLiteral("SET LOCAL ROLE tenantdesk_owner"));
            owner.exec(QStringLiteral("SELECT set_config('app.tenant_id', $1, true)"), {key});
            return owner.exec(QStringLiteral("SELECT count(*) FROM shared.") + owner.quoteIdentifier(table))
                .toInt(0, 0);
        });
    }

private slots:
    void initTestCase() { m_catalog.open(TestFleet::catalogParams().withSafeDefaults()); }

    void sharedTenantsSeeOnlyTheirOwnRows()
    {
        for (const QString& slug : {QStringLiteral("cyberdyne"), QStringLiteral("initech"), QStringLiteral("duff")}) {
            const TenantAccess a = access(slug);
            const int shard = a.target.tenant.shard.name == QLatin1String("shard-1") ? 1 : 2;
            TenantBrowser b(a);
            for (const QString& name : m_sharedTables) {
                const QStringList ids = tenantIdsOf(b.c, b.reader, b.table(name));
                QCOMPARE(ids.size(), ownerCount(name, a.target.tenant.tenantKey, shard));
                QVERIFY(!ids.isEmpty());
                QCOMPARE(ids.count(a.target.tenant.tenantKey), ids.size());
            }
        }
    }

    void aReusedConnectionCarriesNoTenantOver()
    {
        const TenantAccess a = access(QStringLiteral("cyberdyne"));
        const TenantAccess b = access(QStringLiteral("initech"));
        TenantBrowser onA(a);
        onA.table(QStringLiteral("customers"));
        // A read of tenant A that fails midway is rolled back...
        try {
            onA.reader.read(onA.c, [&] {
                onA.c.exec(QStringLiteral("SELECT count(*) FROM shared.customers"));
                onA.c.exec(QStringLiteral("SELECT 1/0"));
            });
            QFAIL("the read must fail");
        } catch (const PgError& e) {
            QCOMPARE(e.sqlState(), QStringLiteral("22012"));
        }
        QVERIFY(!onA.c.inTransaction());
        // ...and leaves nothing behind: outside a tenant read the setting is empty and no row shows.
        QVERIFY(onA.c.exec(QStringLiteral("SELECT coalesce(current_setting('app.tenant_id', true), '')"))
                    .text(0, 0)
                    .isEmpty());
        for (const QString& name : m_sharedTables)
            QCOMPARE(
                onA.c.exec(QStringLiteral("SELECT count(*) FROM shared.") + onA.c.quoteIdentifier(name)).toInt(0, 0),
                0);
        // The same connection, now for tenant B: B's rows, none of A's.
        TenantReader readerB(b);
        const QStringList bIds = tenantIdsOf(onA.c, readerB, readTable(onA.c, readerB, QStringLiteral("customers")));
        QVERIFY(!bIds.isEmpty());
        QCOMPARE(bIds.count(b.target.tenant.tenantKey), bIds.size());
        QVERIFY(onA.c.exec(QStringLiteral("SELECT coalesce(current_setting('app.tenant_id', true), '')"))
                    .text(0, 0)
                    .isEmpty());
    }

    void anUnsetTenantSettingShowsNoRows()
    {
        PgConnection c;
        c.open(TestFleet::supportParams(1).withSafeDefaults());
        for (const QString& name : m_sharedTables) {
            QCOMPARE(c.exec(QStringLiteral("SELECT count(*) FROM shared.") + c.quoteIdentifier(name)).toInt(0, 0), 0);
            c.execScript(QStringLiteral("BEGIN; SET LOCAL app.tenant_id = ''"));
            QCOMPARE(c.exec(QStringLiteral("SELECT count(*) FROM shared.") + c.quoteIdentifier(name)).toInt(0, 0), 0);
            c.execScript(QStringLiteral("ROLLBACK"));
        }
    }

    void aSchemaTenantCannotReachAnothersTables()
    {
        const TenantAccess acme = access(QStringLiteral("acme"));
        const TenantAccess aperture = access(QStringLiteral("aperture"));
        TenantBrowser b(aperture);
        const quint32 apertureItems = b.reader.read(
            b.c, [&] { return BrowseTableLoader::find(b.c, b.reader.scope(), QStringLiteral("items")); });
        TenantReader acmeReader(acme);
        expectInputError(
            [&] {
                acmeReader.read(b.c, [&] { return BrowseTableLoader::load(b.c, acmeReader.scope(), apertureItems); });
            },
            QStringLiteral("does not belong to this tenant"));
        expectInputError(
            [&] {
                acmeReader.read(b.c, [&] {
                    return BrowseTableLoader::find(b.c, acmeReader.scope(), QStringLiteral("aperture.items"));
                });
            },
            QStringLiteral("does not belong to this tenant"));
        expectInputError(
            [&] {
                acmeReader.read(b.c, [&] {
                    return BrowseTableLoader::find(b.c, acmeReader.scope(), QStringLiteral("shared.items"));
                });
            },
            QStringLiteral("does not belong to this tenant"));
        // The scope is the tenant's schema: the same name means the tenant's own table.
        const quint32 acmeItems = acmeReader.read(
            b.c, [&] { return BrowseTableLoader::find(b.c, acmeReader.scope(), QStringLiteral("items")); });
        QVERIFY(acmeItems != apertureItems);
    }

    void sharedTablesThatRlsDoesNotGuardAreRefused()
    {
        ScratchTenant t(IsolationModel::Shared, QStringLiteral("guard"));
        const QString suffix = QString::number(QRandomGenerator::global()->generate(), 16);
        const QString unforced = QStringLiteral("tdtest_unforced_") + suffix;
        const QString disabled = QStringLiteral("tdtest_disabled_") + suffix;
        const QString loose = QStringLiteral("tdtest_loose_") + suffix;
        const QString view = QStringLiteral("tdtest_view_") + suffix;
        t.run(QStringLiteral("CREATE TABLE shared.%1 (tenant_id uuid NOT NULL DEFAULT "
                             "current_setting('app.tenant_id')::uuid, id int, PRIMARY KEY (tenant_id, id));"
                             "ALTER TABLE shared.%1 ENABLE ROW LEVEL SECURITY;"
                             "CREATE POLICY p ON shared.%1 USING (tenant_id = "
                             "nullif(current_setting('app.tenant_id', true), '')::uuid);"
                             "CREATE TABLE shared.%2 (tenant_id uuid, id int PRIMARY KEY);"
                             "CREATE TABLE shared.%3 (tenant_id uuid, id int PRIMARY KEY);"
                             "ALTER TABLE shared.%3 ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;"
                             "CREATE POLICY everyone ON shared.%3 USING (true);"
                             "INSERT INTO shared.%3 VALUES (gen_random_uuid(), 1);" // another tenant's row
                             "CREATE VIEW shared.%4 AS SELECT * FROM shared.customers;"
                             "GRANT SELECT ON shared.%1, shared.%2, shared.%3, shared.%4 TO tenantdesk_support")
                  .arg(unforced, disabled, loose, view));
        t.runWhenGone(QStringLiteral("DROP VIEW shared.%4; DROP TABLE shared.%1, shared.%2, shared.%3")
                          .arg(unforced, disabled, loose, view));
        ScratchTenant::waitForReplica();

        const TenantAccess a = access(t.slug());
        TenantBrowser b(a);
        expectInputError([&] { b.table(unforced); }, QStringLiteral("not forced"));
        expectInputError([&] { b.table(disabled); }, QStringLiteral("not enabled"));
        expectInputError([&] { b.table(loose); }, QStringLiteral("everyone"));
        expectInputError([&] { b.table(view); }, QStringLiteral("not a table"));
        // The guarded tables themselves are fine.
        QCOMPARE(b.table(QStringLiteral("customers")).name, QStringLiteral("customers"));

        // A role that is a member of the tables' owner (the admin) must not browse shared rows: it is
        // refused as soon as it connects (SupportRoleCheck), before any table is looked at.
        TenantAccess asAdmin = access(t.slug(), SandboxRoles::admin);
        TenantReader adminReader(asAdmin);
        PgConnection admin;
        expectInputError([&] { adminReader.connect(admin); }, QStringLiteral("owns or may change"));
    }
};

QTEST_GUILESS_MAIN(TestTenantIsolation)
#include "TestTenantIsolation.moc"
