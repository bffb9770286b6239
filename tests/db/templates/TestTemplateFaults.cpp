#include "FaultProxy.h"
#include "ProvisionTestKit.h"
#include "TestFleet.h"
#include "catalog/FleetRoles.h"
#include "templates/TemplateDiff.h"
#include "templates/TemplateImporter.h"
#include "templates/TemplateScratch.h"
#include "templates/TemplateStore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace ProvisionTestKit;

// A shard that stops answering in the middle of a template diff or import (FaultProxy in front of
// shard-1, registered as a shard of its own): the job ends at the client's deadline with a clear
// message; nothing is stored in the catalog and no scratch schema or database is left behind.
class TestTemplateFaults : public QObject {
    Q_OBJECT

    static constexpr int StatementTimeoutMs = 1000;
    static constexpr int ReplyBoundMs = StatementTimeoutMs + PgConnection::ReplyMarginMs;
    static constexpr int GiveUpSlackMs = PgConnection::CancelGraceMs + 3000;

    QString m_suffix = QStringLiteral("%1").arg(QRandomGenerator::global()->generate() % 0xffffff, 6, 16,
                                                QLatin1Char('0'));
    QString m_shard = QStringLiteral("tdfault-") + m_suffix;
    std::unique_ptr<FaultProxy> m_proxy;
    PgConnection m_catalog;
    PgConnection m_super; // shard-1's tenants database as the superuser, past the proxy
    std::unique_ptr<ShardConnections> m_shards;

    qint64 scratchLeft()
    {
        return m_super
            .exec(QStringLiteral("SELECT (SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname LIKE "
                                 "'tenantdesk\\_scratch\\_%') + (SELECT count(*) FROM pg_catalog.pg_database "
                                 "WHERE datname LIKE 'tenantdesk\\_scratch\\_%')"))
            .toInt(0, 0);
    }

    QSet<QString> scratchDatabases()
    {
        QSet<QString> names;
        const PgResult r = m_super.exec(
            QStringLiteral("SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE 'tenantdesk\\_scratch\\_%'"));
        for (int row = 0; row < r.rows(); ++row)
            names.insert(r.text(row, 0));
        return names;
    }

    qint64 templateRows(const QString& name)
    {
        return m_catalog.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.templates WHERE name = $1"), {name})
            .toInt(0, 0);
    }

    template <typename Fn>
    void expectGivenUp(Fn&& fn)
    {
        QElapsedTimer timer;
        timer.start();
        try {
            fn();
            QFAIL("a job on a silent shard reported a result");
        } catch (const PgError& e) {
            QVERIFY2(e.message().contains(QLatin1String("did not answer within 3 s"))
                         || e.message().contains(QLatin1String("the server sent nothing for 3 s")),
                     qPrintable(e.message()));
        }
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms >= ReplyBoundMs - 200 && ms < ReplyBoundMs + GiveUpSlackMs, qPrintable(QString::number(ms)));
    }

    // fn, with an exception reported as the test's failure: one thrown out of a test function would
    // end the process before cleanupTestCase() takes the proxied shard out of the shared catalog.
    template <typename Fn>
    static void guarded(Fn&& fn)
    {
        try {
            fn();
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

private slots:
    void initTestCase()
    {
        m_proxy = std::make_unique<FaultProxy>(TestFleet::shardParams(1));
        m_catalog.open(TestFleet::catalogParams().withSafeDefaults());
        m_super.open(TestFleet::shardParams(1, SandboxRoles::superuser).withSafeDefaults());
        m_catalog.exec(QStringLiteral("WITH s AS (INSERT INTO tenantdesk.shards (name, tenant_database, capacity) "
                                      "VALUES ($1, 'tenants', 1) RETURNING id) INSERT INTO tenantdesk.endpoints "
                                      "(shard_id, role, host, port) SELECT id, 'primary', $2, $3 FROM s"),
                       {m_shard, TestFleet::shardParams(1).value("host"), m_proxy->port()});
        // The admin's credentials for the proxy's port too, and a short statement_timeout. Room for
        // one tenant: automatic placement prefers the sandbox's shards.
        ConnectionParams params = TestFleet::catalogParams().withSafeDefaults();
        params.set("passfile", m_proxy->params().value("passfile"));
        params.set("options", QStringLiteral("-c statement_timeout=%1").arg(StatementTimeoutMs));
        m_shards = std::make_unique<ShardConnections>(params, FleetRoles::standard());
    }

    void cleanupTestCase()
    {
        m_shards.reset();
        m_catalog.exec(QStringLiteral("DELETE FROM tenantdesk.tenants WHERE shard_id = (SELECT id FROM "
                                      "tenantdesk.shards WHERE name = $1)"),
                       {m_shard});
        m_catalog.exec(QStringLiteral("DELETE FROM tenantdesk.shards WHERE name = $1"), {m_shard});
    }

    void init() { m_proxy->passThrough(); }

    void diffOnASilentShardFallsBackToTheText()
    {
        guarded([&] {
            const qint64 scratch = scratchLeft();
            // The server goes silent while the second version is being made in its scratch schema.
            m_proxy->stallWhenClientSends(QRegularExpression(QStringLiteral("CREATE TABLE")), 2);
            QElapsedTimer timer;
            timer.start();
            const TemplateDiff::Result r = TemplateDiff(m_catalog, *m_shards)
                                               .compare(QStringLiteral("store"), IsolationModel::Schema, 1, 1, m_shard);
            const qint64 ms = timer.elapsed();
            QVERIFY(!r.structural);
            QVERIFY2(r.whyText.contains(QLatin1String("did not answer within 3 s")), qPrintable(r.whyText));
            QVERIFY2(ms >= ReplyBoundMs - 200 && ms < ReplyBoundMs + GiveUpSlackMs, qPrintable(QString::number(ms)));
            QVERIFY(m_proxy->swallowedMessages() > 0);
            QVERIFY(
                r.lines().constFirst().startsWith(QLatin1String("The structure could not be compared (The server at")));
            // The scratch schema went with its transaction, when the proxy closed the server's side.
            QTRY_COMPARE_WITH_TIMEOUT(scratchLeft(), scratch, 5000);
        });
    }

    // A scratch database cannot be dropped on a server that stopped answering: the next run on
    // that server drops it once it is stale (the time it was made is in its name).
    void aScratchDatabaseASilentShardKeptIsSweptLater()
    {
        guarded([&] {
            const QSet<QString> before = scratchDatabases();
            m_proxy->stallWhenClientSends(QRegularExpression(QStringLiteral("CREATE TABLE")));
            const TemplateDiff::Result r = TemplateDiff(m_catalog, *m_shards)
                                               .compare(QStringLiteral("store"), IsolationModel::Database, 1, 1,
                                                        m_shard);
            QVERIFY(!r.structural);
            QVERIFY2(r.whyText.contains(QLatin1String("did not answer within 3 s")), qPrintable(r.whyText));
            m_proxy->passThrough();
            const QSet<QString> left = scratchDatabases() - before;
            QCOMPARE(left.size(), 1);
            const QString kept = *left.cbegin();
            QVERIFY2(
                QRegularExpression(QStringLiteral("^tenantdesk_scratch_[0-9a-f]+_[0-9a-f]{8}$")).match(kept).hasMatch(),
                qPrintable(kept));
            m_super.execScript(QStringLiteral("DROP DATABASE ") + m_super.quoteIdentifier(kept)
                               + QStringLiteral(" WITH (FORCE)"));

            // One made two hours ago is dropped by the sweep; one made now is left to its run.
            const qint64 now = QDateTime::currentSecsSinceEpoch();
            const QString stale =
                QStringLiteral("tenantdesk_scratch_%1_%2").arg(now - 7200, 0, 16).arg(m_suffix + QStringLiteral("ab"));
            const QString fresh =
                QStringLiteral("tenantdesk_scratch_%1_%2").arg(now, 0, 16).arg(m_suffix + QStringLiteral("cd"));
            for (const QString& name : {stale, fresh})
                m_super.execScript(QStringLiteral("CREATE DATABASE ") + m_super.quoteIdentifier(name));
            QVERIFY(TemplateScratch::sweepStale(m_super, QDateTime::currentDateTimeUtc()) >= 1);
            const QSet<QString> after = scratchDatabases();
            QVERIFY(!after.contains(stale));
            QVERIFY(after.contains(fresh));
            m_super.execScript(QStringLiteral("DROP DATABASE ") + m_super.quoteIdentifier(fresh));
        });
    }

    void importFromASilentShardStoresNothing()
    {
        // A schema tenant of the proxied shard: a schema of its own on shard-1's tenants database.
        const QString slug = uniqueSlug(QStringLiteral("silent"));
        const QString schema = QStringLiteral("tdfault_") + m_suffix;
        m_super.execScript(QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION tenantdesk_owner; CREATE TABLE %1.orders "
                                          "(id int PRIMARY KEY); ALTER TABLE %1.orders OWNER TO tenantdesk_owner")
                               .arg(m_super.quoteIdentifier(schema)));
        m_catalog.exec(QStringLiteral("INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, "
                                      "schema_name, state) SELECT $1, 'Silent', 'schema', id, $2, 'active' FROM "
                                      "tenantdesk.shards WHERE name = $3"),
                       {slug, schema, m_shard});
        const QString name = QStringLiteral("tdfault-import-") + m_suffix;
        try {
            // pg_dump locks the tenant's tables first: the server goes silent there.
            m_proxy->stallWhenClientSends(QRegularExpression(QStringLiteral("LOCK TABLE")));
            expectGivenUp([&] { TemplateImporter(m_catalog, *m_shards).import(slug, name, 0); });
            QCOMPARE(templateRows(name), 0);
            QCOMPARE(m_catalog
                         .exec(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE details->>'template' = "
                                              "$1"),
                               {name})
                         .toInt(0, 0),
                     0);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        m_catalog.exec(QStringLiteral("DELETE FROM tenantdesk.tenants WHERE slug = $1"), {slug});
        m_super.execScript(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(m_super.quoteIdentifier(schema)));
    }
};

QTEST_GUILESS_MAIN(TestTemplateFaults)
#include "TestTemplateFaults.moc"
