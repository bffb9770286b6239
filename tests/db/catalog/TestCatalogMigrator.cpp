#include "ExpectInputError.h"
#include "ScratchDatabase.h"
#include "TenantctlProcess.h"
#include "catalog/CatalogClient.h"
#include "catalog/CatalogMigrator.h"

#include <QTest>
#include <algorithm>
#include <functional>
#include <latch>
#include <thread>

// Creating and upgrading catalogs, each test in a scratch database of its own; refusals write
// nothing, and two admins migrating at once apply each step once.
class TestCatalogMigrator : public QObject {
    Q_OBJECT

    // What "nothing was written" is checked against: every relation and schema of the database.
    static QPair<qint64, qint64> objectCounts(PgConnection& c)
    {
        const PgResult r = c.exec(QStringLiteral("SELECT (SELECT count(*) FROM pg_catalog.pg_class), (SELECT "
                                                 "count(*) FROM pg_catalog.pg_namespace)"));
        return {r.toInt(0, 0), r.toInt(0, 1)};
    }

    static qint64 versionRows(PgConnection& c)
    {
        return c.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.schema_version")).toInt(0, 0);
    }

    // tenantctl, as a user would run it, on the scratch database.
    static TenantctlProcess tenantctl(const ScratchDatabase& db, const QStringList& args)
    {
        return TenantctlProcess::runOn(db.params().toConnectionString(), args);
    }

    // The catalog migration lock held by the test while admins queue behind it, so that every run
    // has read what it reads before any of them migrates: the race, made certain.
    static void waitForWaiters(PgConnection& holder, int waiters)
    {
        for (int i = 0; i < 600; ++i) {
            const qint64 waiting = holder
                                       .exec(QStringLiteral(
                                           "SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' "
                                           "AND NOT granted AND database = (SELECT oid FROM pg_catalog.pg_database "
                                           "WHERE datname = current_database())"))
                                       .toInt(0, 0);
            if (waiting >= waiters)
                return;
            QTest::qWait(50);
        }
        QFAIL("the admins never queued behind the migration lock");
    }

    // Admins running `tenantctl catalog migrate` with args at once, released together; their outputs.
    static QList<TenantctlProcess> racingMigrations(const ScratchDatabase& db, int admins, const QStringList& args)
    {
        PgConnection holder;
        holder.open(db.params());
        holder.exec(QStringLiteral("SELECT pg_advisory_lock(hashtext('tenantdesk.catalog.migrate'))"));
        std::vector<TenantctlProcess::Started> runs;
        for (int i = 0; i < admins; ++i) {
            runs.push_back(
                TenantctlProcess::startOn(db.params().toConnectionString(),
                                          QStringList{QStringLiteral("catalog"), QStringLiteral("migrate")} + args));
        }
        waitForWaiters(holder, admins);
        holder.exec(QStringLiteral("SELECT pg_advisory_unlock(hashtext('tenantdesk.catalog.migrate'))"));
        QList<TenantctlProcess> results;
        for (TenantctlProcess::Started& run : runs)
            results.append(run.finish());
        return results;
    }

    static int countContaining(const QList<TenantctlProcess>& runs, const QString& text)
    {
        return int(std::count_if(runs.begin(), runs.end(),
                                 [&](const TenantctlProcess& r) { return r.outText().contains(text); }));
    }

private slots:
    void freshDatabaseStepByStep()
    {
        ScratchDatabase db(QStringLiteral("fresh"));
        PgConnection c;
        c.open(db.params());
        QCOMPARE(CatalogMigrator::currentVersion(c), 0);
        QCOMPARE(CatalogMigrator::migrate(c, 1).to, 1);
        QCOMPARE(CatalogMigrator::currentVersion(c), 1);
        QVERIFY(c.exec(QStringLiteral("SELECT to_regprocedure('tenantdesk.resolve(text)') IS NULL")).toBool(0, 0));
        const int latest = CatalogMigrator::latestVersion();
        const CatalogMigrator::Result upgraded = CatalogMigrator::migrate(c);
        QCOMPARE(upgraded.from, 1);
        QCOMPARE(upgraded.to, latest);
        QCOMPARE(CatalogMigrator::currentVersion(c), latest);
        QVERIFY(c.exec(QStringLiteral("SELECT to_regprocedure('tenantdesk.resolve(text)') IS NOT NULL")).toBool(0, 0));
        QCOMPARE(versionRows(c), latest);
        // Again: nothing to do, nothing applied twice.
        const CatalogMigrator::Result again = CatalogMigrator::migrate(c);
        QCOMPARE(again.from, latest);
        QCOMPARE(again.to, latest);
        QCOMPARE(versionRows(c), latest);
        expectInputError([&] { CatalogMigrator::migrate(c, latest + 1); },
                         QStringLiteral("There is no catalog version"));
        QVERIFY(!c.inTransaction());
    }

    void cliCreatesOnlyWithInit()
    {
        ScratchDatabase db(QStringLiteral("cliinit"));
        PgConnection c;
        c.open(db.params());
        c.execScript(QStringLiteral("CREATE TABLE public.orders (id integer)"));
        const auto before = objectCounts(c);

        const TenantctlProcess refused = tenantctl(db, {QStringLiteral("catalog"), QStringLiteral("migrate")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(
            refused.errText().contains(QStringLiteral("This database (%1 on 127.0.0.1:%2) holds no TenantDesk catalog")
                                           .arg(db.name(), c.port())),
            qPrintable(refused.errText()));
        QVERIFY(refused.errText().contains(QLatin1String("tenantctl catalog migrate --init")));
        QCOMPARE(objectCounts(c), before);
        expectInputError([&] { CatalogClient::inspect(c); }, QStringLiteral("holds no TenantDesk catalog"));
        QCOMPARE(objectCounts(c), before);

        const TenantctlProcess created = tenantctl(db, {QStringLiteral("catalog"), QStringLiteral("migrate"),
                                                        QStringLiteral("--init"), QStringLiteral("--to"),
                                                        QStringLiteral("1")});
        QCOMPARE(created.exitCode, 0);
        QVERIFY2(created.outText().contains(QLatin1String("Migrated from version 0 to 1")),
                 qPrintable(created.outText()));
        const TenantctlProcess status = tenantctl(db, {QStringLiteral("catalog"), QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.outText().contains(QLatin1String("upgrade with `tenantctl catalog migrate`")),
                 qPrintable(status.outText()));
        const TenantctlProcess upgraded = tenantctl(db, {QStringLiteral("catalog"), QStringLiteral("migrate")});
        QCOMPARE(upgraded.exitCode, 0);
        QVERIFY2(upgraded.outText().contains(
                     QStringLiteral("Migrated from version 1 to %1").arg(CatalogMigrator::latestVersion())),
                 qPrintable(upgraded.outText()));
        QCOMPARE(CatalogMigrator::currentVersion(c), CatalogMigrator::latestVersion());
        const TenantctlProcess usage = tenantctl(
            db, {QStringLiteral("catalog"), QStringLiteral("migrate"), QStringLiteral("--to"), QStringLiteral("two")});
        QCOMPARE(usage.exitCode, 2);
    }

    void foreignSchemaNamedTenantdeskIsRefused()
    {
        ScratchDatabase db(QStringLiteral("foreign"));
        PgConnection c;
        c.open(db.params());
        c.execScript(QStringLiteral("CREATE SCHEMA tenantdesk; CREATE TABLE tenantdesk.tenants (name text)"));
        const auto before = objectCounts(c);
        expectInputError([&] { CatalogMigrator::migrate(c); }, QStringLiteral("not a TenantDesk catalog"));
        expectInputError([&] { CatalogClient::inspect(c); }, QStringLiteral("not a TenantDesk catalog"));
        QCOMPARE(objectCounts(c), before);
        QVERIFY(!c.inTransaction());
        const TenantctlProcess refused = tenantctl(
            db, {QStringLiteral("catalog"), QStringLiteral("migrate"), QStringLiteral("--init")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.errText().contains(QLatin1String("not a TenantDesk catalog")));
        QCOMPARE(objectCounts(c), before);
    }

    // A newer catalog is never migrated (nor written: db_cataloggate), but it is read: status and
    // inspect() describe it as read-only.
    void newerCatalogIsRefused()
    {
        ScratchDatabase db(QStringLiteral("newer"));
        PgConnection c;
        c.open(db.params());
        CatalogMigrator::migrate(c, 1);
        c.execScript(
            QStringLiteral("INSERT INTO tenantdesk.schema_version (version, description) VALUES (999, 'future')"));
        const auto before = objectCounts(c);
        const QString newer = QStringLiteral("This catalog is at version 999, newer than this TenantDesk understands");
        expectInputError([&] { CatalogMigrator::migrate(c); }, newer);
        const CatalogInfo info = CatalogClient::inspect(c);
        QVERIFY(info.status == CatalogInfo::Status::Newer);
        QCOMPARE(info.catalogVersion, 999);
        QVERIFY(!info.canWrite);
        const TenantctlProcess refused = tenantctl(db, {QStringLiteral("catalog"), QStringLiteral("migrate")});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.errText().contains(newer), qPrintable(refused.errText()));
        const TenantctlProcess status = tenantctl(db, {QStringLiteral("catalog"), QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        QVERIFY2(status.outText().contains(QLatin1String("999, newer than this build's"))
                     && status.outText().contains(QLatin1String("read-only")),
                 qPrintable(status.outText()));
        // Version 2 was not applied under the future version.
        QCOMPARE(objectCounts(c), before);
        QCOMPARE(versionRows(c), 2);
        QVERIFY(c.exec(QStringLiteral("SELECT to_regprocedure('tenantdesk.resolve(text)') IS NULL")).toBool(0, 0));
    }

    void concurrentMigrationsApplyEachStepOnce()
    {
        ScratchDatabase db(QStringLiteral("race"));
        const ConnectionParams params = db.params();
        constexpr int Admins = 3;
        std::latch start(Admins);
        int reached[Admins] = {};
        QString errors[Admins];
        std::vector<std::thread> admins;
        for (int i = 0; i < Admins; ++i) {
            admins.emplace_back([&, i] {
                try {
                    PgConnection c;
                    c.open(params);
                    start.arrive_and_wait();
                    reached[i] = CatalogMigrator::migrate(c).to;
                } catch (const Failure& e) {
                    errors[i] = e.text();
                }
            });
        }
        for (std::thread& t : admins)
            t.join();
        for (int i = 0; i < Admins; ++i) {
            QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i]));
            QCOMPARE(reached[i], CatalogMigrator::latestVersion());
        }
        PgConnection c;
        c.open(params);
        QCOMPARE(versionRows(c), CatalogMigrator::latestVersion());
        QCOMPARE(c.exec(QStringLiteral("SELECT count(DISTINCT version) FROM tenantdesk.schema_version")).toInt(0, 0),
                 CatalogMigrator::latestVersion());
    }

    // Three admins create the catalog at once: one creates it, the others find it made.
    void concurrentInitsHaveOneCreator()
    {
        ScratchDatabase db(QStringLiteral("initrace"));
        const QList<TenantctlProcess> runs = racingMigrations(db, 3, {QStringLiteral("--init")});
        for (const TenantctlProcess& r : runs)
            QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const int latest = CatalogMigrator::latestVersion();
        QCOMPARE(countContaining(runs, QStringLiteral("Migrated from version 0 to %1").arg(latest)), 1);
        QCOMPARE(countContaining(runs, QStringLiteral("Already at version %1").arg(latest)), 2);
        PgConnection c;
        c.open(db.params());
        QCOMPARE(versionRows(c), latest);
    }

    // Two admins upgrade a version 1 catalog at once: one upgrades, the other says it is done.
    void concurrentUpgradesReportOneMigration()
    {
        ScratchDatabase db(QStringLiteral("uprace"));
        {
            PgConnection c;
            c.open(db.params());
            CatalogMigrator::migrate(c, 1);
        }
        const QList<TenantctlProcess> runs = racingMigrations(db, 2, {});
        for (const TenantctlProcess& r : runs)
            QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const int latest = CatalogMigrator::latestVersion();
        QCOMPARE(countContaining(runs, QStringLiteral("Migrated from version 1 to %1").arg(latest)), 1);
        QCOMPARE(countContaining(runs, QStringLiteral("Already at version %1").arg(latest)), 1);
    }
};

QTEST_GUILESS_MAIN(TestCatalogMigrator)
#include "TestCatalogMigrator.moc"
