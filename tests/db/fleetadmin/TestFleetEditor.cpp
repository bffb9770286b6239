#include "ExpectInputError.h"
#include "ScratchDatabase.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/FleetRoles.h"
#include "fleetadmin/FleetEditor.h"
#include "fleetadmin/FleetListing.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Shards, endpoints and role names changed through FleetEditor on a scratch catalog of the test's
// own: every change lands with its audit row, the catalog's rules come back as clear messages,
// and refused input writes nothing.
class TestFleetEditor : public QObject {
    Q_OBJECT

    ScratchDatabase m_db{QStringLiteral("fleeteditor")};
    PgConnection m_c;

    qint64 count(const QString& sql, const PgParams& params = {}) { return m_c.exec(sql, params).toInt(0, 0); }
    qint64 auditRows() { return count(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log")); }
    qint64 endpointRows() { return count(QStringLiteral("SELECT count(*) FROM tenantdesk.endpoints")); }
    // The details of the newest audit row of action.
    QJsonObject lastAudit(const QString& action)
    {
        const PgResult r = m_c.exec(QStringLiteral("SELECT details::text FROM tenantdesk.audit_log WHERE action = $1 "
                                                   "ORDER BY id DESC LIMIT 1"),
                                    {action});
        return r.rows() ? QJsonDocument::fromJson(r.text(0, 0).toUtf8()).object() : QJsonObject();
    }
    FleetShard shard(const QString& name) { return FleetListing::shard(m_c, name); }

private slots:
    void initTestCase()
    {
        m_c.open(m_db.params());
        CatalogMigrator::migrate(m_c);
    }

    void changesAreAuditedAndBumpTheGeneration()
    {
        const qint64 generation = FleetListing::generation(m_c);
        FleetEditor editor(m_c);
        const int id = editor.addShard({QStringLiteral("east"), QStringLiteral("app_tenants"), 50},
                                       QStringLiteral("new DC"));
        QCOMPARE(lastAudit(QStringLiteral("shard.add")).value(QStringLiteral("shard_id")).toInt(), id);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE action = 'shard.add' AND "
                                      "reason = 'new DC'")),
                 1);
        QVERIFY(FleetListing::generation(m_c) > generation);

        editor.editShard(QStringLiteral("east"), {QStringLiteral("east-1"), QStringLiteral("app_tenants"), 80});
        QCOMPARE(shard(QStringLiteral("east-1")).spec.capacity, 80);
        QCOMPARE(lastAudit(QStringLiteral("shard.edit")).value(QStringLiteral("was")).toString(),
                 QStringLiteral("east"));

        const int primary = editor.addEndpoint(
            QStringLiteral("east-1"),
            {QStringLiteral("primary"), QStringLiteral("10.0.0.5"), 5432, 5, QStringLiteral("none")});
        const int replica = editor.addEndpoint(
            QStringLiteral("east-1"),
            {QStringLiteral("replica"), QStringLiteral("10.0.0.6"), 6432, 2.5, QStringLiteral("transaction")});
        editor.editEndpoint(QStringLiteral("east-1"), replica,
                            {QStringLiteral("replica"), QStringLiteral("10.0.0.7"), 6433, 1, QStringLiteral("none")});
        const FleetShard east = shard(QStringLiteral("east-1"));
        QCOMPARE(east.endpoints.size(), 2);
        QCOMPARE(east.primary()->id, primary);
        QVERIFY(east.endpointAt(QStringLiteral("10.0.0.7"), 6433));
        QCOMPARE(lastAudit(QStringLiteral("endpoint.edit")).value(QStringLiteral("host")).toString(),
                 QStringLiteral("10.0.0.7"));

        editor.setDraining(QStringLiteral("east-1"), true);
        QVERIFY(shard(QStringLiteral("east-1")).state == ShardState::Draining);
        editor.removeEndpoint(QStringLiteral("east-1"), replica);
        QCOMPARE(shard(QStringLiteral("east-1")).endpoints.size(), 1);
        QCOMPARE(lastAudit(QStringLiteral("endpoint.remove")).value(QStringLiteral("endpoint_id")).toInt(), replica);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE action IN ('shard.drain', "
                                      "'endpoint.add')")),
                 3);
    }

    void aShardHasOnePrimary()
    {
        FleetEditor editor(m_c);
        editor.addShard({QStringLiteral("west"), QStringLiteral("tenants"), 10});
        editor.addEndpoint(QStringLiteral("west"),
                           {QStringLiteral("primary"), QStringLiteral("db-w1"), 5432, 5, QStringLiteral("none")});
        const qint64 audits = auditRows();
        const qint64 endpoints = endpointRows();
        expectInputError(
            [&] {
                editor.addEndpoint(QStringLiteral("west"), {QStringLiteral("primary"), QStringLiteral("db-w2"), 5432, 5,
                                                            QStringLiteral("none")});
            },
            QStringLiteral("already has a primary"));
        expectInputError(
            [&] {
                editor.addEndpoint(QStringLiteral("west"), {QStringLiteral("replica"), QStringLiteral("db-w1"), 5432, 5,
                                                            QStringLiteral("none")});
            },
            QStringLiteral("already has an endpoint at that host and port"));
        expectInputError(
            [&] {
                editor.addShard({QStringLiteral("west"), QStringLiteral("tenants"), 10});
            },
            QStringLiteral("A shard of that name exists"));
        QCOMPARE(auditRows(), audits);
        QCOMPARE(endpointRows(), endpoints);
    }

    void retireIsRefusedWhileTenantsLive()
    {
        FleetEditor editor(m_c);
        const int id = editor.addShard({QStringLiteral("old"), QStringLiteral("tenants"), 10});
        m_c.exec(QStringLiteral("INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, "
                                "schema_name, state) VALUES ('old-one', 'Old', 'schema', $1, 'old_one', 'active'), "
                                "('old-two', 'Old 2', 'schema', $1, 'old_two', 'suspended')"),
                 {id});
        const qint64 audits = auditRows();
        expectInputError([&] { editor.retire(QStringLiteral("old")); }, QStringLiteral("still holds 2 live tenant(s)"));
        expectInputError(
            [&] {
                editor.editShard(QStringLiteral("old"), {QStringLiteral("old"), QStringLiteral("other"), 10});
            },
            QStringLiteral("cannot change while they are there"));
        QVERIFY(shard(QStringLiteral("old")).state == ShardState::Active);
        QCOMPARE(auditRows(), audits);

        m_c.exec(QStringLiteral("UPDATE tenantdesk.tenants SET state = 'archived' WHERE shard_id = $1"), {id});
        editor.retire(QStringLiteral("old"), QStringLiteral("decommissioned"));
        QVERIFY(shard(QStringLiteral("old")).state == ShardState::Retired);
        QCOMPARE(lastAudit(QStringLiteral("shard.retire")).value(QStringLiteral("name")).toString(),
                 QStringLiteral("old"));
    }

    void badInputWritesNothing()
    {
        FleetEditor editor(m_c);
        editor.addShard({QStringLiteral("odd"), QStringLiteral("tenants"), 10});
        const qint64 audits = auditRows();
        const qint64 endpoints = endpointRows();
        auto endpoint = [](const QString& host, int port) {
            return EndpointSpec{QStringLiteral("replica"), host, port, 5, QStringLiteral("none")};
        };
        expectInputError([&] { editor.addEndpoint(QStringLiteral("odd"), endpoint(QStringLiteral("db\n1"), 5432)); },
                         QStringLiteral("control character"));
        expectInputError([&] { editor.addEndpoint(QStringLiteral("odd"), endpoint(QString(), 5432)); },
                         QStringLiteral("host is empty"));
        expectInputError([&] { editor.addEndpoint(QStringLiteral("odd"), endpoint(QStringLiteral("db1"), 0)); },
                         QStringLiteral("between 1 and 65535"));
        expectInputError([&] { editor.addEndpoint(QStringLiteral("odd"), endpoint(QStringLiteral("db1"), 65536)); },
                         QStringLiteral("between 1 and 65535"));
        expectInputError(
            [&] {
                editor.addEndpoint(QStringLiteral("odd"),
                                   {QStringLiteral("leader"), QStringLiteral("db1"), 5432, 5, QStringLiteral("none")});
            },
            QStringLiteral("primary or replica"));
        expectInputError(
            [&] {
                editor.addShard({QStringLiteral("Bad Name"), QStringLiteral("tenants"), 10});
            },
            QStringLiteral("shard name"));
        expectInputError(
            [&] {
                editor.addShard({QStringLiteral("fine"), QStringLiteral("ten\u200Bants"), 10});
            },
            QStringLiteral("invisible character"));
        expectInputError(
            [&] {
                editor.addShard({QStringLiteral("fine"), QStringLiteral("tenants"), 0});
            },
            QStringLiteral("capacity"));
        expectInputError([&] { editor.addEndpoint(QStringLiteral("nowhere"), endpoint(QStringLiteral("db1"), 5432)); },
                         QStringLiteral("There is no shard \"nowhere\""));
        QCOMPARE(auditRows(), audits);
        QCOMPARE(endpointRows(), endpoints);
    }

    void hostileNamesRoundTrip()
    {
        FleetEditor editor(m_c);
        const QString database = QStringLiteral("we\"ird' {db} $1 %1 -- /* x */");
        const QString host = QStringLiteral("h'o\"st-{1}$1%1--/*");
        editor.addShard({QStringLiteral("hostile"), database, 10});
        editor.addEndpoint(QStringLiteral("hostile"),
                           {QStringLiteral("primary"), host, 5432, 5, QStringLiteral("none")});
        const FleetShard found = shard(QStringLiteral("hostile"));
        QCOMPARE(found.spec.tenantDatabase, database);
        QCOMPARE(found.endpoints.constFirst().spec.host, host);
        QCOMPARE(lastAudit(QStringLiteral("shard.add")).value(QStringLiteral("tenant_database")).toString(), database);
    }

    void fleetRolesAreSetAndAudited()
    {
        FleetEditor editor(m_c);
        const FleetRoles foreign{QStringLiteral("app_owner"),
                                 QStringLiteral("ops \"admin\""),
                                 QStringLiteral("helpdesk"),
                                 {QStringLiteral("web"), QStringLiteral("worker")}};
        editor.setRoles(foreign, QStringLiteral("their names"));
        const FleetRoles loaded = FleetRoles::load(m_c);
        QCOMPARE(loaded.owner, foreign.owner);
        QCOMPARE(loaded.admin, foreign.admin);
        QCOMPARE(loaded.apps, foreign.apps);
        QCOMPARE(lastAudit(QStringLiteral("fleet.roles")).value(QStringLiteral("support_role")).toString(),
                 QStringLiteral("helpdesk"));

        const qint64 audits = auditRows();
        FleetRoles reserved = foreign;
        reserved.owner = QStringLiteral("pg_monitor");
        expectInputError([&] { editor.setRoles(reserved); }, QStringLiteral("reserved"));
        FleetRoles clash = foreign;
        clash.apps = {QStringLiteral("helpdesk")};
        expectInputError([&] { editor.setRoles(clash); }, QStringLiteral("lock TenantDesk out"));
        FleetRoles none = foreign;
        none.apps.clear();
        expectInputError([&] { editor.setRoles(none); }, QStringLiteral("at least one"));
        QCOMPARE(auditRows(), audits);
        QCOMPARE(FleetRoles::load(m_c).support, QStringLiteral("helpdesk"));
    }
};

QTEST_GUILESS_MAIN(TestFleetEditor)
#include "TestFleetEditor.moc"
