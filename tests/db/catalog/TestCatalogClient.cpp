#include "ExpectInputError.h"
#include "ScratchDatabase.h"
#include "TestFleet.h"
#include "base/InputError.h"
#include "catalog/CatalogClient.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/CatalogSnapshot.h"
#include "catalog/FleetRoles.h"

#include <QTest>
#include <QTimeZone>

#include <functional>
#include <numeric>

// The catalog reads, against the shared sandbox catalog (read only) and, where a test must write
// or break something, a scratch catalog of its own. Other tests may provision tenants in the
// shared catalog meanwhile, so what a read returns is compared with direct queries made in the
// same snapshot: the CatalogClient reads join it.
class TestCatalogClient : public QObject {
    Q_OBJECT

    PgConnection m_c;

    qint64 count(const QString& sql, const PgParams& params = {}) { return m_c.exec(sql, params).toInt(0, 0); }

    static void compareTables(const TenantTable& a, const TenantTable& b)
    {
        QCOMPARE(a.size(), b.size());
        for (int row = 0; row < a.size(); ++row) {
            QCOMPARE(a.id(row), b.id(row));
            for (int column = 0; column < TenantTable::ColumnCount; ++column)
                QCOMPARE(a.text(row, TenantTable::Column(column)), b.text(row, TenantTable::Column(column)));
        }
    }

private slots:
    void initTestCase() { m_c.open(TestFleet::catalogParams().withSafeDefaults()); }

    void readsLeaveNoTransactionOpen()
    {
        CatalogClient::inspect(m_c);
        QVERIFY(!m_c.inTransaction());
        CatalogClient::loadTenants(m_c, 10);
        QVERIFY(!m_c.inTransaction());
        CatalogClient::loadShards(m_c);
        QVERIFY(!m_c.inTransaction());
        CatalogClient::resolve(m_c, QStringLiteral("nobody.invalid"));
        QVERIFY(!m_c.inTransaction());
        const qint64 id = count(QStringLiteral("SELECT min(id) FROM tenantdesk.tenants"));
        CatalogClient::loadTenantDetails(m_c, id);
        QVERIFY(!m_c.inTransaction());
        // Also after a failure inside the snapshot.
        try {
            CatalogClient::loadTenantDetails(m_c, -1);
        } catch (const InputError&) {
        }
        QVERIFY(!m_c.inTransaction());
    }

    void inspectDescribesTheSandboxCatalog()
    {
        CatalogSnapshot snapshot(m_c);
        const CatalogInfo info = CatalogClient::inspect(m_c);
        QVERIFY(info.status == CatalogInfo::Status::Current);
        QCOMPARE(info.catalogVersion, CatalogMigrator::latestVersion());
        QCOMPARE(info.latestVersion, CatalogMigrator::latestVersion());
        QVERIFY(info.serverVersion.startsWith(QLatin1String("15.")));
        QVERIFY(info.serverVersionNumber >= 150000);
        QCOMPARE(info.user, QStringLiteral("tenantdesk_admin"));
        QCOMPARE(info.database, m_c.database());
        QCOMPARE(info.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(info.port, m_c.port());
        QVERIFY(info.createDb);
        QVERIFY(!info.superuser);
        QVERIFY(info.canWrite);
        QCOMPARE(info.tenantCount, count(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants")));
        QCOMPARE(info.shardCount, count(QStringLiteral("SELECT count(*) FROM tenantdesk.shards")));
        QCOMPARE(info.endpointCount, count(QStringLiteral("SELECT count(*) FROM tenantdesk.endpoints")));
        QCOMPARE(info.domainCount, count(QStringLiteral("SELECT count(*) FROM tenantdesk.domains")));
        QVERIFY(info.tenantCount > 0);
    }

    void inspectCallsAnOlderCatalogOlder()
    {
        ScratchDatabase scratch(QStringLiteral("older"));
        PgConnection c;
        c.open(scratch.params());
        CatalogMigrator::migrate(c, 1);
        const CatalogInfo info = CatalogClient::inspect(c);
        QVERIFY(info.status == CatalogInfo::Status::Older);
        QCOMPARE(info.catalogVersion, 1);
        QCOMPARE(info.tenantCount, 0);
    }

    void inspectRefusesADatabaseWithoutCatalog()
    {
        ScratchDatabase scratch(QStringLiteral("nocatalog"));
        PgConnection c;
        c.open(scratch.params());
        expectInputError(
            [&] { CatalogClient::inspect(c); },
            QStringLiteral("This database (%1 on 127.0.0.1:%2) holds no TenantDesk catalog. Create one with "
                           "`tenantctl catalog migrate --init`")
                .arg(scratch.name(), c.port()));
        QVERIFY(!c.inTransaction());
    }

    void loadTenantsEqualsTheCatalog()
    {
        CatalogSnapshot snapshot(m_c);
        const TenantTable table = CatalogClient::loadTenants(m_c);
        const PgResult r = m_c.exec(
            QStringLiteral("SELECT t.id, t.slug, t.display_name, t.isolation_model, s.name, t.state, "
                           "       extract(epoch FROM t.created_at)::bigint "
                           "FROM tenantdesk.tenants t JOIN tenantdesk.shards s ON s.id = t.shard_id ORDER BY t.slug"));
        QCOMPARE(table.size(), r.rows());
        for (int row = 0; row < r.rows(); ++row) {
            QCOMPARE(table.id(row), r.toInt(row, 0));
            QCOMPARE(table.slug(row), r.text(row, 1));
            QCOMPARE(table.name(row), r.text(row, 2));
            QCOMPARE(toString(table.model(row)), r.text(row, 3));
            QCOMPARE(table.shardName(row), r.text(row, 4));
            QCOMPARE(toString(table.state(row)), r.text(row, 5));
            QCOMPARE(table.createdSecs(row), r.toInt(row, 6));
        }
        // Every shard is registered, by id, tenants or not.
        const PgResult shards = m_c.exec(QStringLiteral("SELECT id, name FROM tenantdesk.shards ORDER BY id"));
        QCOMPARE(table.shards().size(), shards.rows());
        for (int row = 0; row < shards.rows(); ++row) {
            QCOMPARE(table.shards()[row].id, shards.toInt(row, 0));
            QCOMPARE(table.shards()[row].name, shards.text(row, 1));
        }
    }

    void firstPageAndRestMakeTheWhole()
    {
        {
            CatalogSnapshot snapshot(m_c);
            QVERIFY(snapshot.ownsTransaction());
            const TenantTable whole = CatalogClient::loadTenants(m_c);
            QVERIFY(whole.size() > 7);
            TenantTable first = CatalogClient::loadTenants(m_c, 7);
            QVERIFY(m_c.inTransaction());
            const TenantTable rest = CatalogClient::loadTenants(m_c, -1, 7);
            QCOMPARE(first.size(), 7);
            QCOMPARE(rest.size(), whole.size() - 7);
            first.appendRows(rest);
            compareTables(first, whole);
            QCOMPARE(CatalogClient::loadTenants(m_c, 0).size(), 0);
            QCOMPARE(CatalogClient::loadTenants(m_c, 5, whole.size()).size(), 0);
        }
        QVERIFY(!m_c.inTransaction());
        expectInputError([&] { CatalogClient::loadTenants(m_c, 5, -1); }, QStringLiteral("offset -1"));
    }

    // Pages of one snapshot stay consistent while another admin adds and removes tenants.
    void pagesOfOneSnapshotIgnoreConcurrentChanges()
    {
        ScratchDatabase scratch(QStringLiteral("snapshot"));
        PgConnection writer;
        writer.open(scratch.params());
        CatalogMigrator::migrate(writer);
        writer.execScript(QStringLiteral("INSERT INTO tenantdesk.shards (name) VALUES ('s1');"
                                         "INSERT INTO tenantdesk.tenants (slug, display_name, "
                                         "isolation_model, shard_id, schema_name, state) "
                                         "SELECT 't' || i, 'Tenant ' || i, 'schema', 1, 't' || i, 'active' "
                                         "FROM generate_series(10, 29) i"));
        PgConnection reader;
        reader.open(scratch.params());
        const TenantTable whole = CatalogClient::loadTenants(reader);
        QCOMPARE(whole.size(), 20);

        TenantTable first;
        TenantTable rest;
        {
            CatalogSnapshot snapshot(reader);
            first = CatalogClient::loadTenants(reader, 5);
            // Sorts before every page boundary: without the snapshot, the rest would shift by one.
            writer.execScript(QStringLiteral("INSERT INTO tenantdesk.tenants (slug, display_name, "
                                             "isolation_model, shard_id, schema_name, state) "
                                             "VALUES ('a-new', 'New', 'schema', 1, 'a_new', 'provisioning');"
                                             "DELETE FROM tenantdesk.tenants WHERE slug = 't29'"));
            rest = CatalogClient::loadTenants(reader, -1, 5);
        }
        first.appendRows(rest);
        compareTables(first, whole);
        // A new snapshot sees the change.
        const TenantTable after = CatalogClient::loadTenants(reader);
        QCOMPARE(after.size(), 20);
        QCOMPARE(after.slug(0), QStringLiteral("a-new"));
    }

    void loadShardsWithEndpointsAndCounts()
    {
        CatalogSnapshot snapshot(m_c);
        const QList<ShardInfo> shards = CatalogClient::loadShards(m_c);
        QCOMPARE(shards.size(), count(QStringLiteral("SELECT count(*) FROM tenantdesk.shards")));
        int replicas = 0;
        int endpoints = 0;
        for (const ShardInfo& shard : shards) {
            QVERIFY(!shard.name.isEmpty());
            QVERIFY(!shard.tenantDatabase.isEmpty());
            QVERIFY(!shard.endpoints.isEmpty());
            QVERIFY(shard.endpoints.first().isPrimary());
            QVERIFY(shard.primary() == &shard.endpoints.first());
            for (const EndpointInfo& e : shard.endpoints) {
                QCOMPARE(e.shardId, shard.id);
                QCOMPARE(e.host, QStringLiteral("127.0.0.1"));
                QVERIFY(e.port > 0);
                QVERIFY(e.maxLagSeconds >= 0);
                replicas += e.isPrimary() ? 0 : 1;
                ++endpoints;
            }
            QCOMPARE(shard.tenantCount(),
                     count(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants WHERE shard_id = $1"), {shard.id}));
            for (int m = 0; m < IsolationModelCount; ++m) {
                QCOMPARE(shard.tenantsByModel[size_t(m)],
                         count(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants WHERE shard_id = $1 "
                                              "AND isolation_model = $2"),
                               {shard.id, toString(IsolationModel(m))}));
            }
            for (int s = 0; s < TenantStateCount; ++s) {
                QCOMPARE(
                    shard.tenantsByState[size_t(s)],
                    count(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants WHERE shard_id = $1 AND state = $2"),
                          {shard.id, toString(TenantState(s))}));
            }
        }
        QVERIFY(replicas >= 1); // the streaming replica of shard 1
        QCOMPARE(endpoints, count(QStringLiteral("SELECT count(*) FROM tenantdesk.endpoints")));
        const qint64 total = std::accumulate(shards.begin(), shards.end(), qint64(0),
                                             [](qint64 sum, const ShardInfo& s) { return sum + s.tenantCount(); });
        QCOMPARE(total, count(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants")));
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("domainWhere"); // the kind of domain row to resolve
        QTest::newRow("host") << QStringLiteral("port IS NULL AND path_prefix IS NULL");
        QTest::newRow("host:port") << QStringLiteral("port IS NOT NULL");
        QTest::newRow("URL with path") << QStringLiteral("path_prefix IS NOT NULL");
    }

    void resolve()
    {
        QFETCH(QString, domainWhere);
        const PgResult d = m_c.exec(
            QStringLiteral("SELECT d.host, d.port, d.path_prefix, d.tenant_id, t.slug, t.isolation_model "
                           "FROM tenantdesk.domains d JOIN tenantdesk.tenants t ON t.id = d.tenant_id "
                           "WHERE d.")
            + domainWhere + QStringLiteral(" ORDER BY d.id LIMIT 1"));
        QCOMPARE(d.rows(), 1);
        // Host names match in any case, as in a browser.
        QString target = d.text(0, 0).toUpper();
        if (!d.isNull(0, 1))
            target += u':' + d.text(0, 1);
        if (!d.isNull(0, 2))
            target = QStringLiteral("https://") + target + d.text(0, 2) + QStringLiteral("/orders?page=2");
        const std::optional<ResolvedTenant> t = CatalogClient::resolve(m_c, target);
        QVERIFY2(t.has_value(), qPrintable(target));
        QCOMPARE(t->id, d.toInt(0, 3));
        QCOMPARE(t->slug, d.text(0, 4));
        QCOMPARE(toString(t->model), d.text(0, 5));
        QVERIFY(!t->shard.name.isEmpty());
        QCOMPARE(t->shard.host, QStringLiteral("127.0.0.1"));
        QVERIFY(t->shard.port > 0);
        QVERIFY(!t->dataDatabase().isEmpty());
        QVERIFY(!t->matchedDomain.isEmpty());
        switch (t->model) {
        case IsolationModel::Schema:
            QVERIFY(!t->schemaName.isEmpty());
            break;
        case IsolationModel::Shared:
            QVERIFY(!t->tenantKey.isEmpty());
            break;
        case IsolationModel::Database:
            QVERIFY(t->schemaName.isEmpty() && t->tenantKey.isEmpty());
            break;
        }
    }

    void resolveUnknownIsNone()
    {
        QVERIFY(!CatalogClient::resolve(m_c, QStringLiteral("nobody.invalid")).has_value());
        QVERIFY(!CatalogClient::resolve(m_c, QStringLiteral("https://nobody.invalid:8443/x")).has_value());
        // Values stay values: quotes and SQL text are just an unknown host.
        QVERIFY(!CatalogClient::resolve(m_c, QStringLiteral("x');DROP/**/TABLE/**/tenantdesk.tenants;--")).has_value());
        QVERIFY(count(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants")) > 0);
    }

    void resolveRejectsBadInputBeforeSending_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QString() << QStringLiteral("Enter a host name");
        QTest::newRow("blank") << QStringLiteral("  \t ") << QStringLiteral("Enter a host name");
        QTest::newRow("too long") << QString(3000, u'a') << QStringLiteral("3000 characters long; at most 2048");
        QTest::newRow("control character")
            << QStringLiteral("acme\u0001.example.com") << QStringLiteral("control character (U+0001) at position 5");
        QTest::newRow("newline inside") << QStringLiteral("acme\n.example.com")
                                        << QStringLiteral("control character (U+000A)");
        QTest::newRow("zero-width space")
            << QStringLiteral("ac\u200bme.example.com") << QStringLiteral("invisible character (U+200B)");
        QTest::newRow("invalid UTF-8") << QString::fromUtf8("acme\xc3.example.com")
                                       << QStringLiteral("not valid UTF-8");
        QTest::newRow("space inside") << QStringLiteral("acme example.com")
                                      << QStringLiteral("contains a space at position 5");
    }

    void resolveRejectsBadInputBeforeSending()
    {
        QFETCH(QString, target);
        QFETCH(QString, message);
        // A connection that is not open: anything sent would fail as a connection error instead.
        PgConnection closed;
        expectInputError([&] { CatalogClient::resolve(closed, target); }, message);
        expectInputError([&] { CatalogClient::resolve(m_c, target); }, message);
    }

    void tenantDetails()
    {
        CatalogSnapshot snapshot(m_c);
        const PgResult t = m_c.exec(QStringLiteral(
            "SELECT id, shard_id FROM tenantdesk.tenants t "
            "WHERE EXISTS (SELECT FROM tenantdesk.domains d WHERE d.tenant_id = t.id) ORDER BY id LIMIT 1"));
        QCOMPARE(t.rows(), 1);
        const qint64 id = t.toInt(0, 0);
        const TenantDetails d = CatalogClient::loadTenantDetails(m_c, id);
        const PgResult row = m_c.exec(
            QStringLiteral(
                "SELECT slug, display_name, isolation_model, state, coalesce(schema_name, ''), "
                "coalesce(database_name, ''), "
                "coalesce(tenant_key::text, ''), coalesce(template_name, ''), coalesce(template_version, 0), "
                "extract(epoch FROM created_at)::bigint FROM tenantdesk.tenants WHERE id = $1"),
            {id});
        QCOMPARE(d.id, id);
        QCOMPARE(d.slug, row.text(0, 0));
        QCOMPARE(d.displayName, row.text(0, 1));
        QCOMPARE(toString(d.model), row.text(0, 2));
        QCOMPARE(toString(d.state), row.text(0, 3));
        QCOMPARE(d.schemaName, row.text(0, 4));
        QCOMPARE(d.databaseName, row.text(0, 5));
        QCOMPARE(d.tenantKey, row.text(0, 6));
        QCOMPARE(d.templateName, row.text(0, 7));
        QCOMPARE(d.templateVersion, row.toInt(0, 8));
        QCOMPARE(d.createdAt.toSecsSinceEpoch(), row.toInt(0, 9));
        QVERIFY(d.updatedAt >= d.createdAt);
        QCOMPARE(d.shard.id, t.toInt(0, 1));
        QVERIFY(d.primary());
        QVERIFY(!d.dataDatabase().isEmpty());
        QCOMPARE(d.domains.size(),
                 count(QStringLiteral("SELECT count(*) FROM tenantdesk.domains WHERE tenant_id = $1"), {id}));
        QVERIFY(!d.domains.isEmpty());
        for (const CatalogDomain& domain : d.domains) {
            const std::optional<ResolvedTenant> resolved = CatalogClient::resolve(m_c, domain.route());
            QVERIFY2(resolved && resolved->id == id, qPrintable(domain.route()));
        }
        QVERIFY(d.recentAudit.size() <= CatalogClient::RecentAuditEntries);
        for (qsizetype i = 1; i < d.recentAudit.size(); ++i)
            QVERIFY(d.recentAudit[i - 1].at >= d.recentAudit[i].at);
        expectInputError([&] { CatalogClient::loadTenantDetails(m_c, -42); }, QStringLiteral("No tenant has id -42"));
    }

    void tenantDetailsShowTheLatestAuditEntries()
    {
        ScratchDatabase scratch(QStringLiteral("audit"));
        PgConnection c;
        c.open(scratch.params());
        CatalogMigrator::migrate(c);
        c.execScript(QStringLiteral(
            "INSERT INTO tenantdesk.shards (name) VALUES ('s1');"
            "INSERT INTO tenantdesk.endpoints (shard_id, role, host, port) VALUES (1, 'primary', 'db1', "
            "5432), (1, 'replica', 'db2', 5432);"
            "INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, tenant_key, "
            "state, template_name, template_version) "
            "VALUES ('acme', 'Acme', 'shared', 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'deleting', "
            "'store', 3);"
            "UPDATE tenantdesk.tenants SET purge_after = '2030-01-01 00:00+00';"
            "INSERT INTO tenantdesk.domains (tenant_id, host) VALUES (1, 'acme.example.com');"
            "INSERT INTO tenantdesk.domains (tenant_id, host, port) VALUES (1, 'localhost', 8443);"
            "INSERT INTO tenantdesk.domains (tenant_id, host, path_prefix) VALUES (1, 'portal.example.com', "
            "'/acme');"
            "INSERT INTO tenantdesk.audit_log (at, action, tenant_id, slug, reason, details) "
            "SELECT '2024-01-01 00:00+00'::timestamptz + i * interval '1 hour', 'action ' || i, 1, 'acme', "
            "       CASE WHEN i = 7 THEN 'why' END, jsonb_build_object('i', i) FROM generate_series(1, 7) "
            "i"));
        const TenantDetails d = CatalogClient::loadTenantDetails(c, 1);
        QVERIFY(d.model == IsolationModel::Shared);
        QCOMPARE(d.tenantKey, QStringLiteral("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        QCOMPARE(d.templateName, QStringLiteral("store"));
        QCOMPARE(d.templateVersion, 3);
        QVERIFY(d.state == TenantState::Deleting);
        QCOMPARE(d.purgeAfter, QDateTime(QDate(2030, 1, 1), QTime(0, 0), QTimeZone::utc()));
        QCOMPARE(d.dataDatabase(), QStringLiteral("tenants"));
        QCOMPARE(d.shard.name, QStringLiteral("s1"));
        QCOMPARE(d.endpoints.size(), 2);
        QCOMPARE(d.primary()->host, QStringLiteral("db1"));
        QStringList routes;
        for (const CatalogDomain& domain : d.domains)
            routes << domain.route();
        QCOMPARE(routes, (QStringList{QStringLiteral("acme.example.com"), QStringLiteral("localhost:8443"),
                                      QStringLiteral("portal.example.com/acme")}));
        QCOMPARE(d.recentAudit.size(), CatalogClient::RecentAuditEntries);
        QCOMPARE(d.recentAudit.first().action, QStringLiteral("action 7"));
        QCOMPARE(d.recentAudit.first().reason, QStringLiteral("why"));
        QCOMPARE(d.recentAudit.first().details, QStringLiteral("{\"i\": 7}"));
        QCOMPARE(d.recentAudit.first().at, QDateTime(QDate(2024, 1, 1), QTime(7, 0), QTimeZone::utc()));
        QCOMPARE(d.recentAudit.last().action, QStringLiteral("action 3"));
        QVERIFY(d.recentAudit.last().reason.isEmpty());
    }

    // A fleet names its own roles; the catalog row is what every action uses, defaults as before.
    void fleetRolesAreTheCatalogs()
    {
        const FleetRoles standard = FleetRoles::standard();
        const FleetRoles loaded = FleetRoles::load(m_c);
        QCOMPARE(loaded.owner, standard.owner);
        QCOMPARE(loaded.admin, standard.admin);
        QCOMPARE(loaded.support, standard.support);
        QCOMPARE(loaded.apps, standard.apps);
        // Changed and read back in a transaction that is rolled back: other tests share the catalog.
        m_c.execScript(QStringLiteral("BEGIN"));
        m_c.exec(QStringLiteral("UPDATE tenantdesk.fleet_roles SET owner_role = $1, app_roles = $2"),
                 {QStringLiteral("shop owner"), QStringLiteral("{\"web,app\",worker}")});
        const FleetRoles theirs = FleetRoles::load(m_c);
        m_c.execScript(QStringLiteral("ROLLBACK"));
        QCOMPARE(theirs.owner, QStringLiteral("shop owner"));
        QCOMPARE(theirs.apps, (QStringList{QStringLiteral("web,app"), QStringLiteral("worker")}));
        QCOMPARE(FleetRoles::load(m_c).owner, standard.owner);
    }
};

QTEST_GUILESS_MAIN(TestCatalogClient)
#include "TestCatalogClient.moc"
