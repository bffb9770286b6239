#include "ExpectInputError.h"
#include "FaultProxy.h"
#include "ScratchDatabase.h"
#include "catalog/CatalogMigrator.h"
#include "fleetadmin/FleetEditor.h"
#include "fleetadmin/FleetListing.h"

#include <QTest>

// Fleet edits whose COMMIT answer is lost (FaultProxy cuts the catalog connection right after the
// server committed): the edit is read back and reported as done, or, when the catalog cannot be
// reached again, as unknown, never as failed. Running the same edit again then converges: what
// exists already is refused, nothing is doubled, every change keeps its one audit row.
class TestFleetEditFaults : public QObject {
    Q_OBJECT

    ScratchDatabase m_db{QStringLiteral("fleetfaults")};
    PgConnection m_c;

    qint64 count(const QString& sql, const PgParams& params = {}) { return m_c.exec(sql, params).toInt(0, 0); }
    qint64 audits(const QString& action)
    {
        return count(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE action = $1"), {action});
    }

    // Runs edit on a FleetEditor whose catalog connection is cut after its next COMMIT; with
    // unreachable, the catalog then refuses connections, so that nothing can be read back.
    // Returns the error it threw (none: the edit was read back as done).
    std::optional<PgError> cut(const std::function<void(FleetEditor&)>& edit, bool unreachable = false)
    {
        FaultProxy proxy(m_db.params());
        PgConnection catalog;
        catalog.open(proxy.params());
        FleetEditor editor(catalog);
        proxy.cutAfterCommit(1);
        if (unreachable)
            proxy.refuseAfterCut();
        std::optional<PgError> error;
        try {
            edit(editor);
        } catch (const PgError& e) {
            error = e;
        }
        if (proxy.cuts() != 1)
            qWarning("expected one cut, got %d", proxy.cuts());
        return error;
    }

private slots:
    void initTestCase()
    {
        m_c.open(m_db.params());
        CatalogMigrator::migrate(m_c);
    }

    void lostAnswersAreReadBackAsDone()
    {
        int shardId = 0;
        QVERIFY(!cut([&](FleetEditor& e) {
            shardId = e.addShard({QStringLiteral("east"), QStringLiteral("app_tenants"), 50});
        }));
        const FleetShard east = FleetListing::shard(m_c, QStringLiteral("east"));
        QCOMPARE(east.id, shardId);
        QCOMPARE(audits(QStringLiteral("shard.add")), 1);

        int endpointId = 0;
        const EndpointSpec primary{QStringLiteral("primary"), QStringLiteral("10.0.0.5"), 5432, 5,
                                   QStringLiteral("none")};
        QVERIFY(!cut([&](FleetEditor& e) { endpointId = e.addEndpoint(QStringLiteral("east"), primary); }));
        QCOMPARE(FleetListing::shard(m_c, QStringLiteral("east")).primary()->id, endpointId);

        QVERIFY(!cut([&](FleetEditor& e) {
            e.editShard(QStringLiteral("east"), {QStringLiteral("east-1"), QStringLiteral("app_tenants"), 80});
        }));
        QCOMPARE(FleetListing::shard(m_c, QStringLiteral("east-1")).spec.capacity, 80);

        // Run again, as an admin would after a lost answer: refused as existing, nothing doubled.
        FleetEditor editor(m_c);
        expectInputError(
            [&] {
                editor.addShard({QStringLiteral("east-1"), QStringLiteral("app_tenants"), 80});
            },
            QStringLiteral("A shard of that name exists"));
        expectInputError([&] { editor.addEndpoint(QStringLiteral("east-1"), primary); },
                         QStringLiteral("The shard already has"));
        expectInputError(
            [&] {
                editor.editShard(QStringLiteral("east"), {QStringLiteral("east-1"), QStringLiteral("app_tenants"), 80});
            },
            QStringLiteral("There is no shard \"east\""));
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tenantdesk.shards WHERE name LIKE 'east%'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tenantdesk.endpoints")), 1);
        QCOMPARE(audits(QStringLiteral("shard.add")), 1);
        QCOMPARE(audits(QStringLiteral("endpoint.add")), 1);
        QCOMPARE(audits(QStringLiteral("shard.edit")), 1);
    }

    void unreadableOutcomeIsUnknownNotFailed()
    {
        const std::optional<PgError> error = cut(
            [&](FleetEditor& e) {
                e.addShard({QStringLiteral("west"), QStringLiteral("tenants"), 10});
            },
            true);
        QVERIFY(error);
        QCOMPARE(error->kind(), PgError::Kind::UnknownOutcome);
        QVERIFY2(error->message().startsWith(QLatin1String("Whether the change took effect is unknown")),
                 qPrintable(error->message()));
        // It had committed, once; the admin's re-run is refused as existing.
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tenantdesk.shards WHERE name = 'west'")), 1);
        QCOMPARE(count(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE action = 'shard.add' AND "
                                      "details->>'name' = 'west'")),
                 1);
        FleetEditor editor(m_c);
        expectInputError(
            [&] {
                editor.addShard({QStringLiteral("west"), QStringLiteral("tenants"), 10});
            },
            QStringLiteral("A shard of that name exists"));
    }
};

QTEST_GUILESS_MAIN(TestFleetEditFaults)
#include "TestFleetEditFaults.moc"
