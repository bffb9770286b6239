#include "SandboxMetricTargets.h"
#include "TestFleet.h"
#include "metrics/EndpointSampler.h"
#include "metrics/MetricTargetLoader.h"
#include "pg/PgConnection.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>
#include <algorithm>

// One endpoint sampled against the sandbox: the figures are there and right, transactions per
// second measure what really happened, a dead endpoint is reported rather than thrown.
class TestEndpointSampler : public QObject {
    Q_OBJECT

private:
    SandboxMetricTargets m_sandbox;

    const MetricTarget& target(EndpointInfo::Role role) const
    {
        for (const MetricTarget& t : m_sandbox.targets) {
            if (t.endpoint.role == role && t.shardName == QLatin1String("shard-1"))
                return t;
        }
        qFatal("the sandbox has no such endpoint");
    }

    // A database of our own on shard 1: other tests share the sandbox, so counts are only
    // ours in a database nobody else uses. Dropped, with its sessions, by the destructor.
    struct ScratchOnShard {
        ConnectionParams admin = TestFleet::shardParams(1).withSafeDefaults();
        QString name = QStringLiteral("tdtest_metrics_%1").arg(QRandomGenerator::global()->bounded(1u << 30));
        ScratchOnShard()
        {
            PgConnection c;
            c.open(admin);
            c.execScript(QStringLiteral("CREATE DATABASE ") + c.quoteIdentifier(name));
        }
        ~ScratchOnShard()
        {
            try {
                PgConnection c;
                c.open(admin);
                c.execScript(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(c.quoteIdentifier(name)));
            } catch (const PgError& e) {
                qWarning("could not drop %s: %s", qPrintable(name), qPrintable(e.message()));
            }
        }
        ConnectionParams params() const
        {
            return admin.withEndpoint(admin.value("host"), admin.value("port").toInt(), name);
        }
    };

    // count single-statement transactions, each an INSERT into a table of schema, on a fresh
    // connection that then makes sure they reach the statistics before it goes.
    static void commit(const ConnectionParams& params, const QString& table, int count)
    {
        PgConnection c;
        c.open(params);
        for (int i = 0; i < count; ++i)
            c.exec(QStringLiteral("INSERT INTO %1 (v) VALUES ($1)").arg(table), {i});
        c.exec(QStringLiteral("SELECT pg_catalog.pg_stat_force_next_flush()"));
    }

    static const MetricSample::Database* database(const MetricSample& sample, const QString& name)
    {
        for (const MetricSample::Database& d : sample.databases) {
            if (d.name == name)
                return &d;
        }
        return nullptr;
    }

    static const MetricSample::Tenant* tenant(const MetricSample& sample, const QString& slug)
    {
        for (const MetricSample::Tenant& t : sample.tenants) {
            if (t.slug == slug)
                return &t;
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_sandbox = SandboxMetricTargets::load();
        QVERIFY(m_sandbox.targets.size() >= 3); // two primaries and a replica
    }

    void targetsComeFromTheCatalog()
    {
        const MetricTarget& primary = target(EndpointInfo::Role::Primary);
        QCOMPARE(primary.expectedReplicas, 1);
        QVERIFY(!primary.tenantDatabase.isEmpty());
        QVERIFY(!primary.tenants.isEmpty());
        const auto shared = std::count_if(primary.tenants.begin(), primary.tenants.end(),
                                          [](const MetricTenant& t) { return t.model == IsolationModel::Shared; });
        QVERIFY(shared > 0);
        for (const MetricTenant& t : primary.tenants)
            QCOMPARE(t.objectName.isEmpty(), t.model == IsolationModel::Shared);
    }

    void connectionParamsBoundEveryWait()
    {
        ConnectionParams base = m_sandbox.base;
        base.set("options", QStringLiteral("-c statement_timeout=30000 -c work_mem=4MB"));
        const ConnectionParams p = EndpointSampler::connectionParams(base, target(EndpointInfo::Role::Primary));
        const QString options = p.value("options");
        QVERIFY2(options.contains(QStringLiteral("statement_timeout=%1").arg(EndpointSampler::statementTimeoutMs)),
                 qPrintable(options));
        QVERIFY2(!options.contains(QLatin1String("30000")), qPrintable(options));
        QVERIFY(options.contains(QLatin1String("work_mem=4MB")));
        QCOMPARE(p.value("port").toInt(), target(EndpointInfo::Role::Primary).endpoint.port);
        QCOMPARE(p.value("dbname"), target(EndpointInfo::Role::Primary).tenantDatabase);
        QVERIFY(p.value("connect_timeout").toInt() <= 3);
    }

    void samplesAPrimary()
    {
        EndpointSampler sampler(target(EndpointInfo::Role::Primary), m_sandbox.base);
        const MetricSample first = sampler.sample();
        QVERIFY2(first.up, qPrintable(first.error));
        QVERIFY(!first.hasRates);        // rates need two readings
        QVERIFY(first.hasSchemaTenants); // sizes and schema tenants come with the first
        QVERIFY(first.sizesAtMs > 0);
        QVERIFY(!first.inRecovery);
        QCOMPARE(first.streamingReplicas, 1);
        QVERIFY(first.totalSizeBytes > 0);
        QVERIFY(database(first, target(EndpointInfo::Role::Primary).tenantDatabase));
        QVERIFY(first.cacheHitRatio > 0 && first.cacheHitRatio <= 1);
        QVERIFY(std::isnan(first.figure(MetricSample::Figure::Tps)));
        // Shared-table tenants are listed, as not measurable.
        const auto unmeasurable = std::count_if(first.tenants.begin(), first.tenants.end(),
                                                [](const MetricSample::Tenant& t) { return !t.measurable; });
        QVERIFY(unmeasurable > 0);

        QTest::qWait(300);
        const MetricSample second = sampler.sample();
        QVERIFY2(second.up, qPrintable(second.error));
        QVERIFY(second.hasRates);
        QVERIFY(second.elapsedSeconds >= 0.25 && second.elapsedSeconds < 5);
        QVERIFY(second.hasSchemaTenants);            // the first two, then every 10th tick
        QCOMPARE(second.sizesAtMs, first.sizesAtMs); // measured once, carried on
        // Each database keeps the size measured the first time (other tests create and drop
        // databases meanwhile, so the set, and with it the total, may differ).
        int carried = 0;
        for (const MetricSample::Database& d : second.databases) {
            const auto before = std::find_if(first.databases.cbegin(), first.databases.cend(),
                                             [&](const MetricSample::Database& f) { return f.name == d.name; });
            if (before == first.databases.cend())
                continue;
            QCOMPARE(d.sizeBytes, before->sizeBytes);
            ++carried;
        }
        QVERIFY(carried > 0);
        QVERIFY(!sampler.sample().hasSchemaTenants);
        QVERIFY(second.tps >= 0);
        QVERIFY(second.timestampMs > first.timestampMs);
    }

    void samplesAReplica()
    {
        EndpointSampler sampler(target(EndpointInfo::Role::Replica), m_sandbox.base);
        const MetricSample sample = sampler.sample();
        QVERIFY2(sample.up, qPrintable(sample.error));
        QVERIFY(sample.inRecovery);
        QVERIFY(sample.lagBytes >= 0);
        QVERIFY(sample.lagSeconds >= 0);
    }

    void measuresTheTransactionsThatHappened()
    {
        ScratchOnShard scratch;
        {
            PgConnection c;
            c.open(scratch.params());
            // No autovacuum: an ANALYZE between the samples would write statistics rows of its own.
            c.execScript(
                QStringLiteral("CREATE SCHEMA busy;"
                               "CREATE TABLE busy.t (id serial PRIMARY KEY, v int) WITH (autovacuum_enabled = off)"));
            c.exec(QStringLiteral("SELECT pg_catalog.pg_stat_force_next_flush()"));
        }
        // The sampler connects to the scratch database itself, so its own statements count there
        // and must be left out; the schema is a schema tenant, the database a database tenant.
        MetricTarget t = target(EndpointInfo::Role::Primary);
        t.endpoint.id = 9001;
        t.tenantDatabase = scratch.name;
        t.tenants = {{QStringLiteral("busy-schema"), IsolationModel::Schema, QStringLiteral("busy")},
                     {QStringLiteral("busy-db"), IsolationModel::Database, scratch.name}};
        EndpointSampler sampler(t, m_sandbox.base);
        sampler.setTenantsEvery(1);
        const MetricSample before = sampler.sample();
        QVERIFY2(before.up, qPrintable(before.error));

        const int commits = 500;
        commit(scratch.params(), QStringLiteral("busy.t"), commits);
        const MetricSample after = sampler.sample();
        QVERIFY2(after.up, qPrintable(after.error));
        QVERIFY(after.hasRates);
        const MetricSample::Database* db = database(after, scratch.name);
        QVERIFY(db);
        // The connection of the generator adds a transaction or two of its own (its startup, the
        // flush); autovacuum may add a few: within 10%.
        const double measured = db->tps * after.elapsedSeconds;
        qInfo("measured %.1f transactions for %d commits", measured, commits);
        QVERIFY2(std::abs(measured - commits) <= commits * 0.1,
                 qPrintable(QStringLiteral("measured %1 transactions for %2 commits").arg(measured).arg(commits)));
        QCOMPARE(std::lround(db->tuplesWrittenPerSec * after.elapsedSeconds), long(commits));

        const MetricSample::Tenant* schemaTenant = tenant(after, QStringLiteral("busy-schema"));
        QVERIFY(schemaTenant && schemaTenant->hasRates);
        // Its rate is over the time between the tenants statements, a few ms off the tick's.
        QVERIFY(std::abs(schemaTenant->tuplesWrittenPerSec * after.elapsedSeconds - commits) <= commits * 0.02);
        const MetricSample::Tenant* databaseTenant = tenant(after, QStringLiteral("busy-db"));
        QVERIFY(databaseTenant && databaseTenant->hasRates);
        QVERIFY(databaseTenant->sizeBytes > 0);

        // Nothing happens: the sampler's own statements do not show as load.
        QTest::qWait(200);
        const MetricSample idle = sampler.sample();
        QVERIFY(idle.up);
        const MetricSample::Database* quiet = database(idle, scratch.name);
        QVERIFY(quiet);
        QVERIFY2(quiet->tps * idle.elapsedSeconds <= 2,
                 qPrintable(QStringLiteral("%1 transactions while idle").arg(quiet->tps * idle.elapsedSeconds)));
    }

    void aDeadEndpointIsASampleThatIsDown()
    {
        MetricTarget t = target(EndpointInfo::Role::Primary);
        t.endpoint.id = 9002;
        t.endpoint.port = 1; // nobody listens there
        EndpointSampler sampler(t, m_sandbox.base);
        QElapsedTimer clock;
        clock.start();
        const MetricSample sample = sampler.sample();
        QVERIFY(!sample.up);
        QVERIFY(!sample.error.isEmpty());
        QCOMPARE(sample.endpointId, 9002);
        QVERIFY(clock.elapsed() < 5000);
        QVERIFY(sample.timestampMs > 0);
    }
};

QTEST_GUILESS_MAIN(TestEndpointSampler)
#include "TestEndpointSampler.moc"
