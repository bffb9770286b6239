#include "PgConnection.h"
#include "SandboxState.h"
#include "SqlResource.h"
#include "TestFleet.h"

#include <QRandomGenerator>
#include <QTest>
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

private slots:
    void twoSessionsGuardANewTableOnce()
    {
        try {
            race();
        } catch (const PgError& e) {
            QFAIL(qPrintable(e.message()));
        }
    }

    // The same for TenantDesk's own records on the shard, whose grants every prepare, suspend
    // and first upgrade may make again.
    void twoSessionsMakeTheShardRecordsOnce()
    {
        try {
            const QString ledger = SqlResource::text(QStringLiteral("provision/shard_ledger.sql"));
            PgConnection first;
            first.open(TestFleet::shardParams(1).withSafeDefaults());
            beginAsOwner(first);
            first.execScript(ledger); // its grants, not committed yet
            QString secondError;
            std::thread second([&] {
                try {
                    PgConnection c;
                    c.open(TestFleet::shardParams(1).withSafeDefaults());
                    beginAsOwner(c);
                    c.execScript(ledger);
                    c.execScript(QStringLiteral("COMMIT"));
                } catch (const PgError& e) {
                    secondError = e.message();
                }
            });
            QTest::qWait(1000);
            first.execScript(QStringLiteral("COMMIT"));
            second.join();
            QVERIFY2(secondError.isEmpty(), qPrintable(secondError));
        } catch (const PgError& e) {
            QFAIL(qPrintable(e.message()));
        }
    }

private:
    void race()
    {
        const QString table = QStringLiteral("shared.tdtest_guard_%1")
                                  .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        const QString guard = SqlResource::text(QStringLiteral("provision/shared_guard.sql"));
        PgConnection first;
        first.open(TestFleet::shardParams(1).withSafeDefaults());
        beginAsOwner(first);
        // The shard's own records (the deny list) first, as provisioning makes them.
        first.execScript(SqlResource::text(QStringLiteral("provision/shard_ledger.sql")) +
                         QStringLiteral(";\nCREATE TABLE %1 (tenant_id uuid NOT NULL, note text);"
                                        "ALTER TABLE %1 ENABLE ROW LEVEL SECURITY;"
                                        "ALTER TABLE %1 FORCE ROW LEVEL SECURITY;"
                                        "CREATE POLICY tenant_isolation ON %1 USING (tenant_id = "
                                        "nullif(current_setting('app.tenant_id', true), '')::uuid); COMMIT")
                             .arg(table));
        const auto drop = qScopeGuard([&] {
            PgConnection c;
            c.open(TestFleet::shardParams(1).withSafeDefaults());
            beginAsOwner(c);
            c.execScript(QStringLiteral("DROP TABLE %1; COMMIT").arg(table));
        });

        beginAsOwner(first);
        first.execScript(guard); // guards the new table, not committed yet
        QString secondError;
        std::thread second([&] {
            try {
                PgConnection c;
                c.open(TestFleet::shardParams(1).withSafeDefaults());
                beginAsOwner(c);
                c.execScript(guard);
                c.execScript(QStringLiteral("COMMIT"));
            } catch (const PgError& e) {
                secondError = e.message();
            }
        });
        QTest::qWait(1000); // the second session is waiting for the first by now
        first.execScript(QStringLiteral("COMMIT"));
        second.join();
        QVERIFY2(secondError.isEmpty(), qPrintable(secondError));
    }
};

QTEST_GUILESS_MAIN(TestSharedGuardRace)
#include "TestSharedGuardRace.moc"
