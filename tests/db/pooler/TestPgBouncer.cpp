#include "FaultProxy.h"
#include "PrivateSandbox.h"
#include "ProvisionTestKit.h"
#include "browse/TenantReader.h"
#include "catalog/CatalogClient.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"
#include "lifecycle/TenantLifecycle.h"
#include "pg/AdvisoryLock.h"
#include "pg/OutcomeReadBack.h"
#include "pg/PoolerDetection.h"
#include "provision/TenantProvisioner.h"
#include "sandbox/SandboxPgBouncer.h"

#include <QDateTime>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace ProvisionTestKit;

// TenantDesk through a real PgBouncer in transaction pooling mode: a sandbox of the test's own
// made by `sandbox up --pgbouncer`, whose catalog reaches shard-1's primary only through a
// PgBouncer with two server connections per database and user, so that consecutive transactions
// share server connections. Browse, provisioning and the lifecycle run through it, and nothing
// one transaction sets is left for the next; an endpoint not marked pooled is detected.
class TestPgBouncer : public QObject {
    Q_OBJECT

    std::unique_ptr<PrivateSandbox> m_sandbox;
    PgConnection m_catalog;
    std::unique_ptr<ShardConnections> m_shards;

    // A session that kept nothing: what sessionLeftovers() finds on a server session of role.
    static QStringList clean(const QString& role)
    {
        return {role,
                QStringLiteral("\"$user\", public"),
                QString(),
                QStringLiteral("0"),
                QStringLiteral("notice"),
                QStringLiteral("0"),
                QStringLiteral("0")};
    }

    // user on database through the PgBouncer, as the catalog marks it (pooled), with TenantDesk's
    // usual settings (statement_timeout) in its options.
    ConnectionParams pooled(const QString& user, const QString& database, Pooling pooling = Pooling::Transaction) const
    {
        const SandboxState& s = m_sandbox->state();
        return s.params(s.primary(1), user, database)
            .withEndpoint(QStringLiteral("127.0.0.1"), s.pgbouncerPort, database, pooling)
            .withSafeDefaults();
    }
    // The superuser on shard-1's primary itself, past the PgBouncer: sees every session and row.
    ConnectionParams direct(const QString& database) const
    {
        const SandboxState& s = m_sandbox->state();
        return s.params(s.primary(1), SandboxRoles::superuser, database).withSafeDefaults();
    }

    // A seeded tenant of shard-1 of model.
    QString seededTenant(IsolationModel model)
    {
        const PgResult r = m_catalog.exec(
            QStringLiteral("SELECT t.slug FROM tenantdesk.tenants t JOIN tenantdesk.shards s ON s.id = t.shard_id "
                           "WHERE s.name = 'shard-1' AND t.isolation_model = $1 AND t.state = 'active' "
                           "ORDER BY t.slug LIMIT 1"),
            {toString(model)});
        if (r.rows() == 0)
            return {};
        return r.text(0, 0);
    }

    // What a session on c has kept of earlier transactions, seen from a new one: the role, the
    // search_path, app.tenant_id, statement_timeout and client_min_messages as the server has
    // them for the session (the settings of the new transaction itself are left out), and the
    // server process. c must be opened without options so that nothing sets them anew.
    static QStringList sessionLeftovers(PgConnection& c)
    {
        const PgResult r = c.exec(
            QStringLiteral("SELECT current_user, current_setting('search_path'), "
                           "coalesce(current_setting('app.tenant_id', true), ''), "
                           "current_setting('statement_timeout'), current_setting('client_min_messages'), "
                           "(SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()), "
                           "(SELECT count(*) FROM pg_prepared_statements), pg_backend_pid()"));
        QStringList values;
        for (int column = 0; column < r.columns(); ++column)
            values << r.text(0, column);
        return values;
    }

    // The server processes PgBouncer keeps for user on database.
    QSet<int> serverSessions(const QString& user, const QString& database)
    {
        PgConnection c;
        c.open(direct(QStringLiteral("postgres")));
        const PgResult r = c.exec(
            QStringLiteral("SELECT pid FROM pg_stat_activity WHERE usename = $1 AND datname = $2"), {user, database});
        QSet<int> pids;
        for (int row = 0; row < r.rows(); ++row)
            pids.insert(int(r.toInt(row, 0)));
        return pids;
    }

    // fn, with an exception reported as the test's failure: one thrown out of a test function
    // would end the process before cleanupTestCase() stops the sandbox's servers.
    template <typename Fn>
    static void guarded(Fn&& fn)
    {
        try {
            fn();
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }

    TenantAccess supportAccess(const QString& slug)
    {
        TenantAccess access{TenantLocator::locate(m_catalog, slug),
                            TenantAccess::supportParamsFrom(m_sandbox->catalogParams(), FleetRoles::standard().support),
                            {}};
        access.maxLagSeconds = -1; // the primary, the endpoint behind the PgBouncer
        return access;
    }

    // The support session's count of items and the server process it ran on, then a write refused.
    void browse(const QString& slug, const QString& countOnServer, const PgParams& countParams)
    {
        const TenantAccess access = supportAccess(slug);
        QVERIFY(access.target.primary()->pooling == Pooling::Transaction);
        PgConnection c;
        TenantReader reader(access);
        reader.connect(c);
        QVERIFY(c.isPooled());
        QCOMPARE(reader.route().endpoint.port, m_sandbox->state().pgbouncerPort);
        const QString table = c.quoteIdentifier(access.target.tenant.tableSchema()) + QStringLiteral(".items");
        const auto [items, readPid] = reader.read(c, [&] {
            return std::pair{c.exec(QStringLiteral("SELECT count(*) FROM ") + table).toInt(0, 0),
                             int(c.exec(QStringLiteral("SELECT pg_backend_pid()")).toInt(0, 0))};
        });
        PgConnection owner;
        owner.open(direct(access.target.database()));
        const qint64 expected = owner.exec(countOnServer, countParams).toInt(0, 0);
        QVERIFY(expected > 0);
        QCOMPARE(items, expected);

        try {
            reader.read(c, [&] { c.exec(QStringLiteral("UPDATE %1 SET price = price + 1").arg(table)); });
            QFAIL("a support session wrote through the PgBouncer");
        } catch (const PgError& e) {
            QVERIFY2(e.sqlState() == QLatin1String("25006") || e.sqlState() == QLatin1String("42501"),
                     qPrintable(e.sqlState() + u' ' + e.message()));
        }

        // The next transaction of the support role on that server process keeps nothing of the
        // read: not the tenant's search_path, not its key, not the timeouts TenantDesk set.
        ConnectionParams noOptions = pooled(SandboxRoles::support, access.target.database());
        noOptions.remove("options");
        PgConnection bare;
        bare.open(noOptions);
        const QStringList left = sessionLeftovers(bare);
        QCOMPARE(left.value(7).toInt(), readPid); // the very server session the read ran on
        QCOMPARE(left.mid(0, 7), clean(SandboxRoles::support));
    }

private slots:
    void initTestCase()
    {
        m_sandbox = std::make_unique<PrivateSandbox>(QStringLiteral("tdpool"), 6, true);
        QVERIFY(m_sandbox->state().pgbouncerPort > 0);
        m_catalog.open(m_sandbox->catalogParams());
        m_shards = std::make_unique<ShardConnections>(m_sandbox->catalogParams(), FleetRoles::standard());
    }

    void cleanupTestCase()
    {
        m_shards.reset();
        m_catalog.close();
        m_sandbox.reset();
    }

    void theCatalogSendsShardOneThroughThePooler()
    {
        guarded([&] {
            const QList<ShardInfo> shards = CatalogClient::loadShards(m_catalog);
            const ShardInfo& shard = shards.constFirst();
            QCOMPARE(shard.name, QStringLiteral("shard-1"));
            QCOMPARE(shard.primary()->port, m_sandbox->state().pgbouncerPort);
            QVERIFY(shard.primary()->pooling == Pooling::Transaction);
            for (const EndpointInfo& e : shards.value(1).endpoints)
                QVERIFY(e.pooling == Pooling::None);
        });
    }

    void settingsGoInEveryTransaction()
    {
        guarded([&] {
            PgConnection c;
            c.open(pooled(SandboxRoles::admin, QStringLiteral("tenants")));
            QVERIFY(c.isPooled());
            QVERIFY(!c.params().value("options").isEmpty()); // kept, and not sent
            // A statement on its own, and one inside a transaction, both under the timeout.
            QCOMPARE(c.exec(QStringLiteral("SHOW statement_timeout")).text(0, 0), QStringLiteral("30s"));
            c.transaction(
                [&] { QCOMPARE(c.exec(QStringLiteral("SHOW statement_timeout")).text(0, 0), QStringLiteral("30s")); });
            // A prepared statement outlives nothing on the server, and runs again and again.
            c.prepare("tick", QStringLiteral("SELECT $1::int + 1"));
            for (int i = 0; i < 3; ++i)
                QCOMPARE(c.execPrepared("tick", {i}).toInt(0, 0), i + 1);
            // Session locks cannot be held through the pooler: refused, not silently left behind.
            expectInputError([&] { AdvisoryLock(c, QStringLiteral("x"), AdvisoryLock::Try); },
                             QStringLiteral("pools transactions"));
            QVERIFY(serverSessions(SandboxRoles::admin, QStringLiteral("tenants")).size()
                    <= SandboxPgBouncer::PoolSize);
        });
    }

    void browsesASchemaTenant()
    {
        guarded([&] {
            const QString slug = seededTenant(IsolationModel::Schema);
            QVERIFY(!slug.isEmpty());
            const TenantTarget t = TenantLocator::locate(m_catalog, slug);
            browse(slug,
                   QStringLiteral("SELECT count(*) FROM %1.items").arg(m_catalog.quoteIdentifier(t.tenant.schemaName)),
                   {});
        });
    }

    void browsesASharedTenant()
    {
        guarded([&] {
            const QString slug = seededTenant(IsolationModel::Shared);
            QVERIFY(!slug.isEmpty());
            const TenantTarget t = TenantLocator::locate(m_catalog, slug);
            browse(slug, QStringLiteral("SELECT count(*) FROM shared.items WHERE tenant_id = $1::uuid"),
                   {t.tenant.tenantKey});
        });
    }

    void provisionsAndRunsTheLifecycle_data() { modelRows({IsolationModel::Schema, IsolationModel::Database}); }

    void provisionsAndRunsTheLifecycle()
    {
        QFETCH(IsolationModel, model);
        guarded([&] {
            const QString slug = uniqueSlug(QStringLiteral("pool"));
            TenantProvisioner provisioner(m_catalog, *m_shards);
            const ProvisionPlan plan = provisioner.plan(spec(slug, model));
            QVERIFY(plan.shard.pooling == Pooling::Transaction);
            provisioner.run(plan);
            QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));

            PgConnection server;
            server.open(direct(QStringLiteral("tenants")));
            QVERIFY(model == IsolationModel::Schema ? schemaExists(server, slug) : databaseExists(server, slug));
            // Nothing of the admin's transactions stays on either of the PgBouncer's server sessions
            // (the first client holds one in its transaction, so the second gets the other): no role
            // (SET LOCAL ROLE to the owner), no search_path, no client_min_messages, no session lock.
            ConnectionParams noOptions = pooled(SandboxRoles::admin, QStringLiteral("tenants"));
            noOptions.remove("options");
            PgConnection first;
            PgConnection second;
            first.open(noOptions);
            second.open(noOptions);
            first.execScript(QStringLiteral("BEGIN"));
            const QStringList one = sessionLeftovers(first);
            const QStringList other = sessionLeftovers(second);
            first.execScript(QStringLiteral("COMMIT"));
            QVERIFY(one.value(7) != other.value(7));
            QCOMPARE(one.mid(0, 7), clean(SandboxRoles::admin));
            QCOMPARE(other.mid(0, 7), clean(SandboxRoles::admin));
            QCOMPARE(
                server.exec(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).toInt(0, 0),
                0);

            TenantLifecycle lifecycle(m_catalog, *m_shards);
            lifecycle.suspend(slug, QStringLiteral("pooler test"));
            QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("suspended"));
            const ManagedTenant t = *ManagedTenants::find(m_catalog, slug);
            const QString reach = model == IsolationModel::Schema
                                      ? QStringLiteral("SELECT has_schema_privilege($1, $2, 'USAGE')")
                                      : QStringLiteral("SELECT has_database_privilege($1, $2, 'CONNECT')");
            const QString object = model == IsolationModel::Schema ? t.schemaName : t.databaseName;
            QVERIFY(!server.exec(reach, {SandboxRoles::app, object}).toBool(0, 0));
            lifecycle.resume(slug, QStringLiteral("pooler test"));
            QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));
            QVERIFY(server.exec(reach, {SandboxRoles::app, object}).toBool(0, 0));

            // pg_dump goes through the PgBouncer too, without the options it would refuse.
            QTemporaryDir archives;
            const TenantArchiver::Result archived = lifecycle.archive(slug, archives.path(), OutputFile::Existing::Keep,
                                                                      QStringLiteral("pooler test"));
            QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("archived"));
            QVERIFY(archived.bytes > 0);

            // Deleting drops the schema, or the database that the PgBouncer kept sessions on.
            lifecycle.remove(slug, slug, 0, QStringLiteral("pooler test"));
            QVERIFY(model == IsolationModel::Schema ? !schemaExists(server, slug) : !databaseExists(server, slug));
            QVERIFY(catalogState(m_catalog, slug).isEmpty()
                    || catalogState(m_catalog, slug) == QLatin1String("deleted"));
        });
    }

    // A support session's server connection that the PgBouncer keeps parked on a database tenant
    // blocks its drop unless the admin may end it: the delete is refused up front with the grant
    // and the PgBouncer command that fix it, nothing changed; with pg_signal_backend, the delete
    // ends the parked session and drops the database.
    void parkedSupportSessionsAndTheDelete()
    {
        guarded([&] {
            const QString slug = uniqueSlug(QStringLiteral("parked"));
            TenantProvisioner provisioner(m_catalog, *m_shards);
            provisioner.run(provisioner.plan(spec(slug, IsolationModel::Database)));
            const ManagedTenant t = *ManagedTenants::find(m_catalog, slug);
            {
                const TenantAccess access = supportAccess(slug);
                PgConnection c;
                TenantReader reader(access);
                reader.connect(c);
                reader.read(c, [&] { c.exec(QStringLiteral("SELECT 1")); });
            }
            QVERIFY(!serverSessions(SandboxRoles::support, t.databaseName).isEmpty());

            TenantLifecycle lifecycle(m_catalog, *m_shards);
            try {
                lifecycle.remove(slug, slug, 0, QStringLiteral("pooler test"));
                QFAIL("a delete the parked sessions block went ahead");
            } catch (const InputError& e) {
                QVERIFY2(
                    e.message().contains(QStringLiteral("GRANT pg_signal_backend TO \"%1\";").arg(SandboxRoles::admin)),
                    qPrintable(e.message()));
                QVERIFY2(e.message().contains(QStringLiteral("KILL \"%1\";").arg(t.databaseName)),
                         qPrintable(e.message()));
            }
            QCOMPARE(catalogState(m_catalog, slug), QStringLiteral("active"));

            PgConnection super;
            super.open(direct(QStringLiteral("postgres")));
            super.execScript(QStringLiteral("GRANT pg_signal_backend TO ")
                             + super.quoteIdentifier(SandboxRoles::admin));
            try {
                lifecycle.remove(slug, slug, 0, QStringLiteral("pooler test"));
            } catch (...) {
                super.execScript(QStringLiteral("REVOKE pg_signal_backend FROM ")
                                 + super.quoteIdentifier(SandboxRoles::admin));
                throw;
            }
            super.execScript(QStringLiteral("REVOKE pg_signal_backend FROM ")
                             + super.quoteIdentifier(SandboxRoles::admin));
            QVERIFY(!databaseExists(super, slug));
        });
    }

    // A COMMIT whose answer is lost between TenantDesk and the PgBouncer (FaultProxy in front of
    // it): the process id libpq knows is the PgBouncer's, so the outcome is read back by the
    // transaction's id, and the pid is never used to end a session.
    void lostCommitIsReadBackThroughThePooler()
    {
        guarded([&] {
            FaultProxy proxy(pooled(SandboxRoles::admin, QStringLiteral("tenants")));
            PgConnection c;
            c.open(proxy.params());
            QVERIFY(c.isPooled());
            const QString schema = QStringLiteral("tdpool_readback_%1").arg(QDateTime::currentMSecsSinceEpoch());
            proxy.cutAfterCommit(1);
            try {
                c.transaction([&] { c.execScript(QStringLiteral("CREATE SCHEMA ") + c.quoteIdentifier(schema)); });
                QFAIL("the COMMIT's answer arrived");
            } catch (const PgError& e) {
                QCOMPARE(e.kind(), PgError::Kind::UnknownOutcome);
            }
            QVERIFY(c.lostCommitXid() > 0);
            QVERIFY(OutcomeReadBack::committed(c));
            PgConnection server;
            server.open(direct(QStringLiteral("tenants")));
            QVERIFY(server.exec(QStringLiteral("SELECT to_regnamespace($1) IS NOT NULL"), {schema}).toBool(0, 0));
            server.execScript(QStringLiteral("DROP SCHEMA ") + server.quoteIdentifier(schema));
        });
    }

    void detectsAPoolerTheCatalogDoesNotMark()
    {
        guarded([&] {
            QStringList said;
            PoolerDetection::setReporter([&](const QString& line) { said << line; });
            const ConnectionParams unmarked = pooled(SandboxRoles::admin, QStringLiteral("postgres"), Pooling::None);
            QVERIFY(!unmarked.value("options").isEmpty());
            PgConnection c;
            c.open(unmarked);
            QVERIFY(c.isPooled());
            QCOMPARE(c.exec(QStringLiteral("SHOW statement_timeout")).text(0, 0), QStringLiteral("30s"));
            QCOMPARE(said.size(), 1);
            QVERIFY2(said.first().contains(QString::number(m_sandbox->state().pgbouncerPort)),
                     qPrintable(said.first()));
            // Remembered for the process: the next connection goes without options at once, said once.
            PgConnection again;
            again.open(unmarked);
            QVERIFY(again.isPooled());
            QCOMPARE(said.size(), 1);
            PoolerDetection::setReporter({});
        });
    }
};

QTEST_GUILESS_MAIN(TestPgBouncer)
#include "TestPgBouncer.moc"
