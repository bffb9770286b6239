#include "CheckReportRows.h"
#include "ScratchDatabase.h"
#include "TestFleet.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/FleetRoles.h"
#include "fleetadmin/FleetEditor.h"
#include "fleetadmin/FleetListing.h"
#include "fleetadmin/ShardChecker.h"
#include "fleetadmin/ShardPreparer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using CheckReportRows::failures;
using CheckReportRows::find;

// Checking and preparing shards of a foreign fleet, built by the test on the sandbox's servers: a
// catalog of its own whose fleet roles have other names (a support role with quotes in its name),
// an application's database with a hostile name, roles the fleet lacks. Also a "replica" that is
// a primary and a host that accepts connections and never answers.
class TestShardCheck : public QObject {
    Q_OBJECT

    const QString m_suffix = QString::number(QRandomGenerator::global()->generate(), 16);
    ScratchDatabase m_db{QStringLiteral("shardcheck")};
    PgConnection m_c;
    PgConnection m_server; // tenantdesk_admin on shard 1's primary, as the fleet's own admin
    QTemporaryDir m_dir;
    QString m_passfile;
    FleetRoles m_roles;
    QString m_appDatabase;
    // adoptedTenantsNeedTheAppRoleAndSupportGrants's application, removed by cleanupTestCase.
    const QString m_shopApp = QStringLiteral("fa_shop_") + m_suffix;
    const QString m_shopDb = QStringLiteral("fa shop {%1} $1").arg(m_suffix);
    const QString m_acmeDb = QStringLiteral("fa acme %1").arg(m_suffix);

    ConnectionParams catalogParams() const
    {
        ConnectionParams params = m_db.params();
        params.set("passfile", m_passfile);
        return params;
    }
    ShardCheckReport check(const QString& shard) { return ShardChecker(catalogParams()).check(m_c, shard); }
    void addEndpoint(const QString& shard, const QString& role, int port)
    {
        FleetEditor(m_c).addEndpoint(shard,
                                     {role, TestFleet::catalogParams().value("host"), port, 5, QStringLiteral("none")});
    }
    void appendPassfileLine(int port, const QString& user, const QString& password)
    {
        QFile file(m_passfile);
        QVERIFY(file.open(QIODevice::Append));
        QString escaped = user;
        escaped.replace(u'\\', QLatin1String("\\\\")).replace(u':', QLatin1String("\\:"));
        file.write(QStringLiteral("%1:%2:*:%3:%4\n")
                       .arg(TestFleet::catalogParams().value("host"))
                       .arg(port)
                       .arg(escaped, password)
                       .toUtf8());
    }

private slots:
    void initTestCase()
    {
        m_c.open(m_db.params());
        CatalogMigrator::migrate(m_c);
        m_passfile = m_dir.filePath(QStringLiteral("pgpass"));
        QVERIFY(QFile::copy(TestFleet::passfile(), m_passfile));
        QFile(m_passfile).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        m_roles = {QStringLiteral("fa_owner_") + m_suffix,
                   QStringLiteral("tenantdesk_admin"),
                   QStringLiteral("fa \"help:desk\" ") + m_suffix,
                   {QStringLiteral("fa_web_") + m_suffix}};
        FleetEditor(m_c).setRoles(m_roles);
        m_appDatabase = QStringLiteral("fa app's \"db\" {%1} $1 --").arg(m_suffix);
        m_server.open(TestFleet::shardParams(1, SandboxRoles::admin, QStringLiteral("postgres")).withSafeDefaults());
        m_server.execScript(QStringLiteral("CREATE DATABASE %1").arg(m_server.quoteIdentifier(m_appDatabase)));
        // The application's own role: the fleet has it; TenantDesk does not create it.
        m_server.execScript(
            QStringLiteral("CREATE ROLE %1 LOGIN").arg(m_server.quoteIdentifier(m_roles.apps.constFirst())));
    }

    void cleanupTestCase()
    {
        PgConnection super;
        super.open(TestFleet::shardParams(1, SandboxRoles::superuser, QStringLiteral("postgres")).withSafeDefaults());
        for (const QString& db : {m_shopDb, m_acmeDb})
            super.execScript(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(super.quoteIdentifier(db)));
        super.execScript(QStringLiteral("DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = %1) THEN "
                                        "EXECUTE format('DROP OWNED BY %I; DROP ROLE %I', %1, %1); END IF; END $$")
                             .arg(QString::fromUtf8(super.quoteLiteral(m_shopApp.toUtf8()))));
        m_server.execScript(
            QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_server.quoteIdentifier(m_appDatabase)));
        for (const QString& role : {m_roles.support, m_roles.owner, m_roles.apps.constFirst()})
            m_server.execScript(QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_server.quoteIdentifier(role)));
    }

    void foreignFleetIsPreparedThenPasses()
    {
        FleetEditor(m_c).addShard({QStringLiteral("app-main"), m_appDatabase, 100});
        addEndpoint(QStringLiteral("app-main"), QStringLiteral("primary"), TestFleet::state().primary(1).port);
        addEndpoint(QStringLiteral("app-main"), QStringLiteral("replica"), TestFleet::state().replica().port);

        const ShardCheckReport before = check(QStringLiteral("app-main"));
        QVERIFY(!before.ok());
        const ShardCheckItem* owner = find(before, QStringLiteral("role fa_owner_"));
        QVERIFY(owner && !owner->ok);
        QCOMPARE(owner->fixSql, QStringLiteral("CREATE ROLE %1 NOLOGIN;").arg(m_server.quoteIdentifier(m_roles.owner)));
        const ShardCheckItem* passfile = find(before, QStringLiteral("the passfile has"));
        QVERIFY(passfile && !passfile->ok);
        QVERIFY2(passfile->fix.contains(QStringLiteral("fa \"help\\:desk\"")), qPrintable(passfile->fix));
        QVERIFY(find(before, QStringLiteral("streams from the shard's primary"))->ok);
        QVERIFY(find(before, QStringLiteral("role fa_web_"))->ok);
        QVERIFY(find(before, QStringLiteral("server version"))->ok);

        const FleetShard shard = FleetListing::shard(m_c, QStringLiteral("app-main"));
        const ShardChecker checker(catalogParams());
        const QList<PrepareStep> steps = ShardPreparer(checker).apply(m_c, shard, m_roles, ShardPreparer::plan(before),
                                                                      QStringLiteral("test"));
        QVERIFY(steps.size() >= 4); // owner, support, SET ROLE, CREATE on the database
        for (const PrepareStep& step : steps)
            QVERIFY2(step.result == PrepareStep::Result::Applied, qPrintable(step.sql + u' ' + step.error));
        QCOMPARE(m_c.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE action = 'shard.prepare'"))
                     .toInt(0, 0),
                 1);

        // What prepare leaves to the admin: the support role's password and its passfile lines.
        const QString password = QStringLiteral("pw-") + m_suffix;
        m_server.exec(QStringLiteral("SELECT set_config('fa.pw', $1, false)"), {password});
        m_server.execScript(QStringLiteral("DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', %1, "
                                           "current_setting('fa.pw')); END $$")
                                .arg(QStringLiteral("'") + QString(m_roles.support).replace(u'\'', QLatin1String("''"))
                                     + QStringLiteral("'")));
        appendPassfileLine(TestFleet::state().primary(1).port, m_roles.support, password);
        appendPassfileLine(TestFleet::state().replica().port, m_roles.support, password);

        // The replica replays the new roles within moments.
        ShardCheckReport after;
        for (int attempt = 0; attempt < 20 && !(after = check(QStringLiteral("app-main"))).ok(); ++attempt)
            QTest::qWait(250);
        QVERIFY2(after.ok(), qPrintable(failures(after)));
        QVERIFY(ShardPreparer::plan(after).isEmpty()); // a second prepare applies nothing
    }

    // An application's fleet as TenantDesk finds it: its role owns the shard's database, a tenant
    // schema (hostile name) and a tenant database, and TenantDesk's roles have no part in them. The
    // check says the admin must act for the app role and support cannot read the tenants, naming
    // who may fix what; a GRANT that only warns is refused, not applied; once the admin is a
    // member, prepare grants support what it reads, also the tables the app makes later.
    void adoptedTenantsNeedTheAppRoleAndSupportGrants()
    {
        const QString& app = m_shopApp;
        const QString& shopDb = m_shopDb;
        const QString& acmeDb = m_acmeDb;
        const QString schema = QStringLiteral("al'pha \"%1\"").arg(m_suffix);
        PgConnection super;
        super.open(TestFleet::shardParams(1, SandboxRoles::superuser, QStringLiteral("postgres")).withSafeDefaults());
        super.execScript(QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(super.quoteIdentifier(app)));
        for (const QString& db : {shopDb, acmeDb})
            super.execScript(QStringLiteral("CREATE DATABASE %1 OWNER %2")
                                 .arg(super.quoteIdentifier(db), super.quoteIdentifier(app)));
        auto asApp = [&](const QString& db, const QString& sql) {
            PgConnection c;
            c.open(TestFleet::shardParams(1, SandboxRoles::superuser, db).withSafeDefaults());
            c.execScript(QStringLiteral("SET ROLE %1; ").arg(c.quoteIdentifier(app)) + sql);
        };
        asApp(shopDb, QStringLiteral("CREATE SCHEMA %1; CREATE TABLE %1.orders (id int); "
                                     "CREATE TABLE public.customers_client (schema_name text)")
                          .arg(super.quoteIdentifier(schema)));
        asApp(acmeDb, QStringLiteral("CREATE TABLE invoices (id int)"));

        FleetEditor(m_c).addShard({QStringLiteral("app-shop"), shopDb, 100});
        addEndpoint(QStringLiteral("app-shop"), QStringLiteral("primary"), TestFleet::state().primary(1).port);
        m_c.exec(QStringLiteral("INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, "
                                "schema_name, database_name, state) SELECT v.slug, v.slug, v.model, s.id, v.schema, "
                                "v.db, 'active' FROM tenantdesk.shards s, (VALUES ('alpha', 'schema', $1, NULL), "
                                "('acme', 'database', NULL, $2)) v(slug, model, schema, db) WHERE s.name = 'app-shop'"),
                 {schema, acmeDb});

        const ShardCheckReport before = check(QStringLiteral("app-shop"));
        const ShardCheckItem* member = find(before, QStringLiteral("acts for ") + app);
        QVERIFY2(member && !member->ok, qPrintable(failures(before)));
        QCOMPARE(
            member->fixSql,
            QStringLiteral("GRANT %1 TO %2;").arg(super.quoteIdentifier(app), super.quoteIdentifier(m_roles.admin)));
        QVERIFY2(member->what.contains(QStringLiteral("owns 4 object(s)")), qPrintable(member->what));
        const ShardCheckItem* create = find(before, QStringLiteral("may create schemas in"));
        QVERIFY(create && !create->ok);
        QVERIFY2(create->runBy.contains(app) && create->fix.contains(app), qPrintable(create->fix));
        const ShardCheckItem* schemas = find(before, QStringLiteral("may read the tenant schemas owned by ") + app);
        QVERIFY2(schemas && !schemas->ok, qPrintable(failures(before)));
        QVERIFY2(schemas->fixSql.contains(QStringLiteral("GRANT USAGE ON SCHEMA %1").arg(super.quoteIdentifier(schema)))
                     && schemas->fixSql.contains(QStringLiteral("ALTER DEFAULT PRIVILEGES FOR ROLE"))
                     && schemas->runBy.contains(app),
                 qPrintable(schemas->fix));
        const ShardCheckItem* acme = find(before, QStringLiteral("may read the database tenant ") + acmeDb);
        QVERIFY2(acme && !acme->ok && acme->fixDatabase == acmeDb, qPrintable(failures(before)));

        // Before the admin acts for the app, the database grant only warns: refused, with who may.
        const FleetShard shard = FleetListing::shard(m_c, QStringLiteral("app-shop"));
        const ShardChecker checker(catalogParams());
        QList<PrepareStep> steps;
        for (const PrepareStep& step : ShardPreparer::plan(before)) {
            if (step.sql == create->fixSql)
                steps.append(step);
        }
        QCOMPARE(steps.size(), 1);
        steps = ShardPreparer(checker).apply(m_c, shard, m_roles, steps, QStringLiteral("test"));
        QVERIFY(steps.constFirst().result == PrepareStep::Result::Refused);
        QVERIFY2(steps.constFirst().error.contains(QStringLiteral("granted nothing"))
                     && steps.constFirst().error.contains(app),
                 qPrintable(steps.constFirst().error));

        // The sandbox's admin may grant roles (CREATEROLE): prepare makes it the app's member first,
        // then grants as it.
        steps = ShardPreparer(checker).apply(m_c, shard, m_roles, ShardPreparer::plan(before), QStringLiteral("test"));
        for (const PrepareStep& step : steps)
            QVERIFY2(step.result == PrepareStep::Result::Applied, qPrintable(step.sql + u' ' + step.error));
        const ShardCheckReport after = check(QStringLiteral("app-shop"));
        QVERIFY2(after.ok(), qPrintable(failures(after)));

        // Support reads the tenants, and the tables the app makes later.
        asApp(shopDb, QStringLiteral("CREATE TABLE %1.later (id int)").arg(super.quoteIdentifier(schema)));
        asApp(acmeDb, QStringLiteral("CREATE TABLE later (id int)"));
        const FleetEndpoint& primary = *shard.primary();
        PgConnection support;
        support.open(checker.loginParams(primary, shopDb, m_roles.support));
        support.exec(QStringLiteral("SELECT FROM %1.orders, %1.later").arg(support.quoteIdentifier(schema)));
        support.open(checker.loginParams(primary, acmeDb, m_roles.support));
        support.exec(QStringLiteral("SELECT FROM public.invoices, public.later"));
        support.close();
    }

    // A database that is not there is explained (what it is for, the maintenance database for a
    // server of database tenants) and left to the admin: prepare creates no database of its own.
    void aMissingTenantDatabaseIsExplainedNotCreated()
    {
        FleetEditor(m_c).addShard({QStringLiteral("app-nodb"), QStringLiteral("fa no db ") + m_suffix, 100});
        addEndpoint(QStringLiteral("app-nodb"), QStringLiteral("primary"), TestFleet::state().primary(1).port);
        const ShardCheckReport report = check(QStringLiteral("app-nodb"));
        const ShardCheckItem* database = find(report, QStringLiteral("the tenant database"));
        QVERIFY(database && !database->ok);
        QVERIFY2(database->fixSql.isEmpty(), qPrintable(database->what + u' ' + database->fixSql));
        QVERIFY2(database->fix.contains(QStringLiteral("schema and shared-table tenants"))
                     && database->fix.contains(QStringLiteral("--database postgres")),
                 qPrintable(database->fix));
        for (const PrepareStep& step : ShardPreparer::plan(report))
            QVERIFY2(!step.sql.startsWith(QStringLiteral("CREATE DATABASE")), qPrintable(step.sql));
    }

    void aReplicaThatIsAPrimaryFails()
    {
        FleetEditor(m_c).addShard({QStringLiteral("app-wrong"), QStringLiteral("tenants"), 100});
        addEndpoint(QStringLiteral("app-wrong"), QStringLiteral("primary"), TestFleet::state().primary(1).port);
        addEndpoint(QStringLiteral("app-wrong"), QStringLiteral("replica"), TestFleet::state().primary(2).port);
        const ShardCheckReport report = check(QStringLiteral("app-wrong"));
        const ShardCheckItem* streams = find(report, QStringLiteral("streams from the shard's primary"));
        QVERIFY(streams);
        QVERIFY(!streams->ok);
        QVERIFY2(streams->detail.contains(QStringLiteral("not in recovery")), qPrintable(streams->detail));
        QVERIFY(streams->fix.contains(QStringLiteral("endpoint-remove app-wrong")));
    }

    void aHostThatNeverAnswersFailsInBoundedTime()
    {
        QTcpServer silent; // accepts connections (the kernel does) and never says a word
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        FleetEditor(m_c).addShard({QStringLiteral("app-silent"), QStringLiteral("tenants"), 100});
        addEndpoint(QStringLiteral("app-silent"), QStringLiteral("primary"), silent.serverPort());
        QElapsedTimer timer;
        timer.start();
        const ShardCheckReport report = check(QStringLiteral("app-silent"));
        QVERIFY2(timer.elapsed() < 3 * ShardChecker::EndpointTimeoutSeconds * 1000,
                 qPrintable(QString::number(timer.elapsed())));
        const ShardCheckItem* login = find(report, QStringLiteral("logs in"));
        QVERIFY(login && !login->ok);
        QVERIFY(!login->detail.isEmpty());
        QVERIFY(login->fix.contains(QStringLiteral("pg_hba.conf")));
        QVERIFY(!report.ok());
    }
};

QTEST_GUILESS_MAIN(TestShardCheck)
#include "TestShardCheck.moc"
