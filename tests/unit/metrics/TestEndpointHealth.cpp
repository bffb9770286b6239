#include "metrics/EndpointHealth.h"

#include <QTest>

// The health rules: what makes an endpoint a warning, and that down is down.
class TestEndpointHealth : public QObject {
    Q_OBJECT

private:
    static MetricTarget target(EndpointInfo::Role role, int expectedReplicas = 0)
    {
        MetricTarget t;
        t.endpoint.id = 1;
        t.endpoint.role = role;
        t.endpoint.maxLagSeconds = 5;
        t.expectedReplicas = expectedReplicas;
        t.shardName = QStringLiteral("shard-1");
        return t;
    }
    static MetricSample sample(bool inRecovery)
    {
        MetricSample s;
        s.endpointId = 1;
        s.up = true;
        s.hasRates = true;
        s.inRecovery = inRecovery;
        return s;
    }

private slots:
    void aQuietPrimaryIsOk()
    {
        MetricSample s = sample(false);
        s.streamingReplicas = 1;
        const EndpointHealth h = EndpointHealth::of(target(EndpointInfo::Role::Primary, 1), s);
        QCOMPARE(h.state(), HealthState::Ok);
        QVERIFY(h.reason().isEmpty());
    }

    void aLaggingReplicaIsAWarning()
    {
        MetricSample s = sample(true);
        s.lagSeconds = 12;
        const EndpointHealth h = EndpointHealth::of(target(EndpointInfo::Role::Replica), s);
        QCOMPARE(h.state(), HealthState::Warning);
        QVERIFY2(h.reason().contains(QLatin1String("12.0 s")), qPrintable(h.reason()));
        s.lagSeconds = 4;
        QCOMPARE(EndpointHealth::of(target(EndpointInfo::Role::Replica), s).state(), HealthState::Ok);
    }

    void rolesThatContradictTheCatalogAreWarnings()
    {
        QCOMPARE(EndpointHealth::of(target(EndpointInfo::Role::Primary), sample(true)).state(), HealthState::Warning);
        QCOMPARE(EndpointHealth::of(target(EndpointInfo::Role::Replica), sample(false)).state(), HealthState::Warning);
    }

    void aReplicaThatStoppedStreamingShowsOnItsPrimary()
    {
        MetricSample s = sample(false);
        s.streamingReplicas = 0;
        const EndpointHealth h = EndpointHealth::of(target(EndpointInfo::Role::Primary, 1), s);
        QCOMPARE(h.state(), HealthState::Warning);
        QVERIFY(h.reason().contains(QLatin1String("0 of 1")));
    }

    void longTransactionsAndDeadlocksAreWarnings()
    {
        MetricSample s = sample(false);
        s.oldestXactSeconds = EndpointHealth::longTransactionSeconds + 60;
        QCOMPARE(EndpointHealth::of(target(EndpointInfo::Role::Primary), s).state(), HealthState::Warning);
        s = sample(false);
        s.deadlocks = 2;
        QCOMPARE(EndpointHealth::of(target(EndpointInfo::Role::Primary), s).state(), HealthState::Warning);
    }

    void aSampleThatIsNotUpIsDown()
    {
        const MetricSample s = MetricSample::down(1, 0, QStringLiteral("connection refused"));
        const EndpointHealth h = EndpointHealth::of(target(EndpointInfo::Role::Primary), s);
        QCOMPARE(h.state(), HealthState::Down);
        QCOMPARE(h.reason(), QStringLiteral("connection refused"));
        QCOMPARE(EndpointHealth::stateName(h.state()), QStringLiteral("down"));
    }
};

QTEST_GUILESS_MAIN(TestEndpointHealth)
#include "TestEndpointHealth.moc"
