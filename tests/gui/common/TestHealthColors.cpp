#include "ui/common/HealthColors.h"

#include <QSet>
#include <QTest>

// The dashboard's health table and the shard table / fleet tree take their colours from here: each
// state must be told apart at a glance.
class TestHealthColors : public QObject {
    Q_OBJECT

private slots:
    void everyStateHasItsOwnColour()
    {
        QSet<QRgb> seen;
        for (HealthState state : {HealthState::Unknown, HealthState::Ok, HealthState::Warning, HealthState::Down}) {
            const QColor colour = HealthColors::of(state);
            QVERIFY(colour.isValid());
            seen.insert(colour.rgb());
        }
        QCOMPARE(seen.size(), 4);
    }

    void unknownIsGreyAndDownIsRed()
    {
        QCOMPARE(HealthColors::of(HealthState::Unknown).saturation(), 0);
        const QColor down = HealthColors::of(HealthState::Down);
        QVERIFY(down.red() > down.green() && down.red() > down.blue());
    }
};

QTEST_GUILESS_MAIN(TestHealthColors)
#include "TestHealthColors.moc"
