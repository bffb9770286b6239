#include "TestFleet.h"
#include "pg/PgConnection.h"
#include "sandbox/SandboxTenant.h"

#include <QFileInfo>
#include <QSet>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

// The sandbox fleet the other db and gui tests rely on: replication, password authentication, the
// seeded catalog, the three isolation models on both shards, and roles that cannot do more than
// they should.
class TestSandbox : public QObject {
    Q_OBJECT

private:
    struct CatalogTenant {
        QString slug;
        QString model;
        QString shard;
        QString schemaName;
        QString databaseName;
        QString tenantKey;
        QString host;
        int port;
    };

    // The tenants the sandbox seeded (other tests may add their own), where the catalog says they are.
    QList<CatalogTenant> m_tenants;

    static void expectConnectionRefused(const ConnectionParams& params, const char* reason)
    {
        PgConnection c;
        try {
            c.open(params.withSafeDefaults());
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::Connection);
            QVERIFY2(e.message().contains(QLatin1String(reason)), qPrintable(e.message()));
            return;
        }
        QFAIL("connected without the right password");
    }

    // Runs sql expecting the server to refuse it with SQLSTATE sqlState.
    static void expectRefused(PgConnection& c, const QString& sql, const char* sqlState)
    {
        try {
            c.exec(sql);
        } catch (const PgError& e) {
            QCOMPARE(e.sqlState(), QLatin1String(sqlState));
            return;
        }
        QFAIL(qPrintable(QStringLiteral("the server accepted: ") + sql));
    }

    QList<CatalogTenant> tenantsOf(const QString& model) const
    {
        QList<CatalogTenant> result;
        for (const CatalogTenant& t : m_tenants) {
            if (t.model == model)
                result.append(t);
        }
        return result;
    }

private slots:
    void initTestCase()
    {
        qunsetenv("PGPASSWORD"); // the tests decide which passwords are sent
        QSet<QString> seeded;
        for (const SandboxTenant& t : SandboxTenant::plan(TestFleet::state().tenants))
            seeded.insert(t.slug);
        PgConnection catalog;
        QVERIFY_THROWS_NO_EXCEPTION(catalog.open(TestFleet::catalogParams().withSafeDefaults()));
        const PgResult r = catalog.exec(QStringLiteral(
            "SELECT t.slug, t.isolation_model, s.name, t.schema_name, t.database_name, t.tenant_key, e.host, "
            "e.port "
            "FROM tenantdesk.tenants t JOIN tenantdesk.shards s ON s.id = t.shard_id "
            "JOIN tenantdesk.endpoints e ON e.shard_id = s.id AND e.role = 'primary' ORDER BY t.id"));
        for (int row = 0; row < r.rows(); ++row) {
            if (seeded.contains(r.text(row, 0)))
                m_tenants.append({r.text(row, 0), r.text(row, 1), r.text(row, 2), r.text(row, 3), r.text(row, 4),
                                  r.text(row, 5), r.text(row, 6), int(r.toInt(row, 7))});
        }
        QCOMPARE(m_tenants.size(), seeded.size());
    }

    void replicaStreamsFromShardOne()
    {
        PgConnection primary;
        QVERIFY_THROWS_NO_EXCEPTION(primary.open(TestFleet::shardParams(1).withSafeDefaults()));
        const PgResult r = primary.exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_stat_replication "
                                                       "WHERE application_name = $1 AND state = 'streaming'"),
                                        {TestFleet::state().replica().name});
        QCOMPARE(r.toInt(0, 0), 1);

        PgConnection replica;
        QVERIFY_THROWS_NO_EXCEPTION(replica.open(TestFleet::replicaParams().withSafeDefaults()));
        QVERIFY(replica.exec(QStringLiteral("SELECT pg_catalog.pg_is_in_recovery()")).toBool(0, 0));
        // What was seeded on the primary is there to read.
        const CatalogTenant schemaTenant = tenantsOf(QStringLiteral("schema")).constFirst();
        QVERIFY(schemaTenant.shard == QLatin1String("shard-1"));
        QVERIFY(replica
                    .exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = $1"),
                          {schemaTenant.schemaName})
                    .toInt(0, 0)
                == 1);
    }

    void passwordsAreRequired()
    {
        ConnectionParams withoutPassword = TestFleet::catalogParams();
        withoutPassword.set("passfile", QStringLiteral("/nonexistent/pgpass")); // not ~/.pgpass either
        expectConnectionRefused(withoutPassword, "no password supplied");

        ConnectionParams wrongPassword = withoutPassword;
        wrongPassword.set("password", QStringLiteral("not-the-password"));
        expectConnectionRefused(wrongPassword, "password authentication failed");

        // The Unix socket asks for the password too.
        ConnectionParams overSocket = TestFleet::shardParams(2);
        overSocket.set("host", TestFleet::state().socketDir());
        overSocket.set("passfile", QStringLiteral("/nonexistent/pgpass"));
        expectConnectionRefused(overSocket, "no password supplied");
        overSocket.set("passfile", TestFleet::passfile());
        PgConnection c;
        QVERIFY_THROWS_NO_EXCEPTION(c.open(overSocket.withSafeDefaults()));
    }

    void passfileIsPrivate()
    {
        const QFileInfo info(TestFleet::passfile());
        QVERIFY(info.exists());
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
                                                | QFileDevice::ReadOther | QFileDevice::WriteOther
                                                | QFileDevice::ExeOther;
        QCOMPARE(info.permissions() & others, QFileDevice::Permissions());
        QVERIFY(info.permissions() & QFileDevice::ReadOwner);
#ifdef Q_OS_UNIX
        QCOMPARE(info.ownerId(), uint(geteuid()));
#endif
    }

    void catalogHoldsEveryModelOnBothShards()
    {
        QVERIFY(m_tenants.size() >= 40);
        QSet<QString> placements;
        for (const CatalogTenant& t : m_tenants)
            placements.insert(t.model + u'@' + t.shard);
        for (const char* model : {"schema", "database", "shared"}) {
            for (const char* shard : {"shard-1", "shard-2"})
                QVERIFY2(
                    placements.contains(QLatin1String(model) + u'@' + QLatin1String(shard)),
                    qPrintable(QStringLiteral("no %1 tenant on %2").arg(QLatin1String(model), QLatin1String(shard))));
        }
    }

    void domainsTakeAllThreeFormsAndResolve()
    {
        PgConnection catalog;
        QVERIFY_THROWS_NO_EXCEPTION(catalog.open(TestFleet::catalogParams().withSafeDefaults()));
        // One domain of each form, routed back to its tenant by the catalog's own function.
        const PgResult r = catalog.exec(QStringLiteral(
            "SELECT DISTINCT ON (form) form, route, slug FROM ("
            "  SELECT CASE WHEN d.path_prefix IS NOT NULL THEN 'path' WHEN d.port IS NOT NULL THEN 'port' "
            "ELSE 'host' END AS form,"
            "         'https://' || d.host || coalesce(':' || d.port, '') || coalesce(d.path_prefix, '') || "
            "'/orders' AS route,"
            "         t.slug, d.id"
            "  FROM tenantdesk.domains d JOIN tenantdesk.tenants t ON t.id = d.tenant_id) AS x "
            "ORDER BY form, id"));
        QCOMPARE(r.rows(), 3);
        for (int row = 0; row < r.rows(); ++row) {
            const PgResult resolved = catalog.exec(QStringLiteral("SELECT slug FROM tenantdesk.resolve($1)"),
                                                   {r.text(row, 1)});
            QCOMPARE(resolved.rows(), 1);
            QCOMPARE(resolved.text(0, 0), r.text(row, 2));
        }
    }

    void sharedTablesHaveForcedRowLevelSecurity()
    {
        for (int shard = 1; shard <= 2; ++shard) {
            PgConnection c;
            QVERIFY_THROWS_NO_EXCEPTION(c.open(TestFleet::shardParams(shard).withSafeDefaults()));
            const PgResult r = c.exec(
                QStringLiteral("SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
                               "       (SELECT count(*) FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid) "
                               "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                               "WHERE n.nspname = 'shared' AND c.relkind IN ('r', 'p')"));
            QVERIFY(r.rows() >= 4);
            for (int row = 0; row < r.rows(); ++row) {
                QVERIFY2(r.toBool(row, 1) && r.toBool(row, 2) && r.toInt(row, 3) >= 1, qPrintable(r.text(row, 0)));
            }
        }
    }

    void sharedTenantsSeeOnlyTheirOwnRows()
    {
        const CatalogTenant tenant = tenantsOf(QStringLiteral("shared")).constFirst();
        const int shard = tenant.shard.mid(6).toInt();
        PgConnection app;
        QVERIFY_THROWS_NO_EXCEPTION(app.open(TestFleet::appParams(shard).withSafeDefaults()));
        // No tenant set: nothing at all.
        QCOMPARE(app.exec(QStringLiteral("SELECT count(*) FROM shared.customers")).toInt(0, 0), 0);
        app.execScript(QStringLiteral("BEGIN"));
        app.exec(QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', $1, true)"), {tenant.tenantKey});
        const PgResult r = app.exec(
            QStringLiteral("SELECT count(*), count(*) FILTER (WHERE tenant_id <> $1::uuid) FROM shared.orders"),
            {tenant.tenantKey});
        QVERIFY(r.toInt(0, 0) >= 1000);
        QCOMPARE(r.toInt(0, 1), 0);
        // Writing a row for another tenant is refused by the policy's WITH CHECK.
        expectRefused(app,
                      QStringLiteral("INSERT INTO shared.customers (tenant_id, name, email, country) "
                                     "VALUES (gen_random_uuid(), 'Mallory', 'mallory@example.com', 'US')"),
                      "42501");
        app.execScript(QStringLiteral("ROLLBACK"));
    }

    void supportRoleReadsButCannotWrite()
    {
        PgConnection admin;
        QVERIFY_THROWS_NO_EXCEPTION(admin.open(TestFleet::shardParams(1).withSafeDefaults()));
        const PgResult role = admin.exec(
            QStringLiteral("SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM "
                           "pg_catalog.pg_roles WHERE rolname = $1"),
            {SandboxRoles::support});
        QCOMPARE(role.rows(), 1);
        for (int column = 0; column < role.columns(); ++column)
            QVERIFY2(!role.toBool(0, column), qPrintable(role.columnName(column)));
        QVERIFY(!admin
                     .exec(QStringLiteral("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = $1"),
                           {SandboxRoles::admin})
                     .toBool(0, 0));

        const CatalogTenant tenant = tenantsOf(QStringLiteral("schema")).constFirst();
        PgConnection support;
        QVERIFY_THROWS_NO_EXCEPTION(
            support.open(TestFleet::supportParams(tenant.shard.mid(6).toInt()).withSafeDefaults()));
        const QString customers = support.quoteIdentifier(tenant.schemaName) + QLatin1String(".customers");
        QVERIFY(support.exec(QStringLiteral("SELECT count(*) FROM ") + customers).toInt(0, 0) > 0);
        const QString insert = QStringLiteral(
                                   "INSERT INTO %1 (name, email, country) VALUES ('Eve', 'eve@example.com', 'US')")
                                   .arg(customers);
        expectRefused(support, insert, "25006"); // read-only transaction by default
        support.execScript(QStringLiteral("BEGIN READ WRITE"));
        expectRefused(support, insert, "42501"); // and no privilege even when asking for read-write
        support.execScript(QStringLiteral("ROLLBACK"));
    }

    void databaseTenantsHaveTheirDatabases()
    {
        const QList<CatalogTenant> tenants = tenantsOf(QStringLiteral("database"));
        QVERIFY(!tenants.isEmpty());
        for (const CatalogTenant& t : tenants) {
            PgConnection c;
            QVERIFY_THROWS_NO_EXCEPTION(
                c.open(TestFleet::catalogParams().withEndpoint(t.host, t.port, t.databaseName).withSafeDefaults()));
            QCOMPARE(c.exec(QStringLiteral("SELECT count(*) FROM public.orders")).toInt(0, 0) >= 1000, true);
        }
    }

    void schemaTenantsHaveTheStoreTables()
    {
        const QList<CatalogTenant> tenants = tenantsOf(QStringLiteral("schema"));
        QVERIFY(!tenants.isEmpty());
        for (const CatalogTenant& t : tenants) {
            PgConnection c;
            QVERIFY_THROWS_NO_EXCEPTION(c.open(
                TestFleet::catalogParams().withEndpoint(t.host, t.port, QStringLiteral("tenants")).withSafeDefaults()));
            const PgResult r = c.exec(
                QStringLiteral("SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_catalog.pg_class c "
                               "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                               "WHERE n.nspname = $1 AND c.relkind = 'r'"),
                {t.schemaName});
            QCOMPARE(r.text(0, 0), QStringLiteral("{customers,items,order_lines,orders}"));
        }
    }

    void pricesDifferBetweenTenants()
    {
        const QList<CatalogTenant> tenants = tenantsOf(QStringLiteral("schema"));
        QVERIFY(tenants.size() >= 2);
        QSet<QString> averages;
        for (const CatalogTenant& t : tenants.mid(0, 2)) {
            PgConnection c;
            QVERIFY_THROWS_NO_EXCEPTION(c.open(
                TestFleet::catalogParams().withEndpoint(t.host, t.port, QStringLiteral("tenants")).withSafeDefaults()));
            averages.insert(c.exec(QStringLiteral("SELECT avg(price)::numeric(10,2) FROM ")
                                   + c.quoteIdentifier(t.schemaName) + QLatin1String(".items"))
                                .text(0, 0));
        }
        QCOMPARE(averages.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSandbox)
#include "TestSandbox.moc"
