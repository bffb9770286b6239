#include "ScratchDatabase.h"
#include "catalog/CatalogMigrator.h"
#include "fleet/FleetChangeListener.h"
#include "pg/PgConnection.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

// A change of the fleet's shape made on another connection reaches a listening console as a
// notification, well before the generation poll's interval; and stopping is prompt.
class TestFleetChangeListener : public QObject {
    Q_OBJECT

private slots:
    void anotherAdminsChangeArrives()
    {
        ScratchDatabase db(QStringLiteral("fleetlisten"));
        PgConnection other;
        other.open(db.params());
        CatalogMigrator::migrate(other);

        FleetChangeListener listener;
        QSignalSpy notified(&listener, &FleetChangeListener::notified);
        listener.listen(db.params());
        // LISTEN is in place once the listener's session shows in pg_stat_activity as listening.
        QTRY_VERIFY_WITH_TIMEOUT(
            other.exec(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = "
                                      "current_database() AND query = 'LISTEN tenantdesk_fleet'"))
                    .toInt(0, 0)
                == 1,
            10000);
        QElapsedTimer timer;
        timer.start();
        other.exec(QStringLiteral("INSERT INTO tenantdesk.shards (name) VALUES ('listened')"));
        QVERIFY(notified.wait(5000));
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));

        timer.restart();
        listener.stop();
        QVERIFY(timer.elapsed() < 3 * FleetChangeListener::WakeMs);
        other.exec(QStringLiteral("UPDATE tenantdesk.shards SET capacity = 7"));
        QVERIFY(!notified.wait(1000));
        QCOMPARE(notified.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFleetChangeListener)
#include "TestFleetChangeListener.moc"
