#include "TestFleet.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"
#include "provision/TenantGrants.h"
#include "sandbox/SandboxState.h"

#include <QRandomGenerator>
#include <QTest>
#include <memory>
#include <thread>

// The suspension guard of the shared tables is added by whichever admin session first finds a
// shared table without it (a suspend, an archive, a new shared tenant), and TenantDesk's records
// on a shard by whichever first finds them missing. Two at once must not collide: the second
// waits for the first and finds nothing left to do.
class TestSharedGuardRace : public QObject {
    Q_OBJECT

    static void beginAsOwner(PgConnection& c)
    {
        c.execScript(QStringLiteral("BEGIN; SET LOCAL ROLE %1; SET LOCAL search_path = pg_catalog")
                         .arg(c.quoteIdentifier(SandboxRoles::owner)));
    }

    static std::unique_ptr<PgConnection> ownerSession()
    {
        auto c = std::make_unique<PgConnection>();
        c->open(TestFleet::shardParams(1).withSafeDefaults());
        beginAsOwner(*c);
        return c;
    }

    // Runs sql in two owner sessions at once, the second while the first has not committed yet;
    // the second's error, if it failed.
    static QString secondOfTwo(const QString& sql)
    {
        const auto first = ownerSession();
        first->execScript(sql);
        QString secondError;
        std::thread second([&] {
            try {
                const auto c = ownerSession();
                c->execScript(sql);
                c->execScript(QStringLiteral("COMMIT"));
            } catch (const PgError& e) {
                secondError = e.message();
            }
        });
        QTest::qWait(1000); // the second session is waiting for the first by now
        first->execScript(QStringLiteral("COMMIT"));
        second.join();
        return secondError;
    }

private slots:
    void twoSessionsGuardANewTableOnce()
    {
        try {
            const QString table = QStringLiteral("shared.tdtest_guard_%1")
                                      .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
            // The shard's own records (the deny list) first, as provisioning makes them.
            ownerSession()->execScript(
                SqlResource::text(QStringLiteral("provision/shard_ledger.sql"))
                + QStringLiteral(";\nCREATE TABLE %1 (tenant_id uuid NOT NULL, note text);"
                                 "ALTER TABLE %1 ENABLE ROW LEVEL SECURITY;"
                                 "ALTER TABLE %1 FORCE ROW LEVEL SECURITY;"
                                 "CREATE POLICY tenant_isolation ON %1 USING (tenant_id = "
                                 "nullif(current_setting('app.tenant_id', true), '')::uuid); COMMIT")
                      .arg(table));
            const auto drop = qScopeGuard(
                [&] { ownerSession()->execScript(QStringLiteral("DROP TABLE %1; COMMIT").arg(table)); });
            // The application roles reach the guard's DO block as a setting, as TenantShardObjects sets it.
            const QString error = secondOfTwo(
                QStringLiteral("SELECT pg_catalog.set_config('tenantdesk.app_roles', '[\"%1\"]', true);")
                    .arg(SandboxRoles::app)
                + SqlResource::text(QStringLiteral("provision/shared_guard.sql")));
            QVERIFY2(error.isEmpty(), qPrintable(error));
        } catch (const PgError& e) {
            QFAIL(qPrintable(e.message()));
        }
    }

    // The same for TenantDesk's own records on the shard, whose grants every prepare, suspend
    // and first upgrade may make again.
    void twoSessionsMakeTheShardRecordsOnce()
    {
        try {
            PgConnection quoting; // quotes the role names
            quoting.open(TestFleet::shardParams(1).withSafeDefaults());
            const QString error = secondOfTwo(SqlResource::text(QStringLiteral("provision/shard_ledger.sql"))
                                              + QLatin1String("\n;\n")
                                              + TenantGrants::ledger(quoting, FleetRoles::standard()).join(u';'));
            QVERIFY2(error.isEmpty(), qPrintable(error));
        } catch (const PgError& e) {
            QFAIL(qPrintable(e.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestSharedGuardRace)
#include "TestSharedGuardRace.moc"
