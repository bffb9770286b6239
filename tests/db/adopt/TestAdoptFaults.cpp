#include "FaultProxy.h"
#include "ForeignFleet.h"
#include "TestFleet.h"
#include "adopt/AdoptApplier.h"
#include "adopt/AdoptScanner.h"
#include "base/InputError.h"
#include "catalog/FleetRoles.h"

#include <QElapsedTimer>
#include <QTest>

// Adoption when the network fails (FaultProxy): a COMMIT whose answer is lost after the catalog
// committed is read back and reported as done, or, when it cannot be read back, as unknown (never
// as failed); running the adoption again then converges, nothing doubled and nothing lost. A shard
// that stops answering in the middle of a scan ends it at the client's deadline with a clear
// message, having written nothing.
class TestAdoptFaults : public QObject {
    Q_OBJECT

    // The shard connections' statement_timeout: the client waits that plus its margin.
    static constexpr int StatementTimeoutMs = 1000;
    static constexpr int ReplyBoundMs = StatementTimeoutMs + PgConnection::ReplyMarginMs;
    // A give-up also waits for the cancel the silent server never takes, and some slack.
    static constexpr int GiveUpSlackMs = PgConnection::CancelGraceMs + 2000;

    static QString quoted(QString name) { return u'"' + name.replace(u'"', QLatin1String("\"\"")) + u'"'; }

    // Three tenant schemas of a plain schema-per-tenant application, one with a quote in its name.
    static QStringList makeSchemas(ForeignFleet& f)
    {
        QStringList names;
        QString script;
        for (const QString& base : {QStringLiteral("north_"), QStringLiteral("south_"), QStringLiteral("we'st\"_")}) {
            const QString name = f.unique(base);
            names << name;
            script += QStringLiteral("CREATE SCHEMA %1; CREATE TABLE %1.orders (id integer PRIMARY KEY);\n")
                          .arg(quoted(name));
        }
        f.run(f.database(), script, true);
        return names;
    }

    static QList<AdoptCandidate> candidatesFor(const AdoptScan& scan, const QStringList& schemas)
    {
        QList<AdoptCandidate> chosen;
        for (const AdoptCandidate& c : scan.candidates) {
            if (schemas.contains(c.objectName))
                chosen.append(c);
        }
        return chosen;
    }

    static AdoptScan scan(PgConnection& catalog, ShardConnections& shards, const ForeignFleet& f)
    {
        return AdoptScanner(catalog, shards).scan({f.shard(), AppLayout::Kind::Plain, {}, {}});
    }

    // How many catalog tenants, and how many adoption audit rows, each schema has.
    static QList<qint64> registrations(const QStringList& schemas)
    {
        PgConnection c;
        c.open(ForeignFleet::catalogAdmin());
        QList<qint64> counts;
        for (const QString& schema : schemas) {
            counts << c.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants WHERE schema_name = $1"), {schema})
                          .toInt(0, 0);
            counts << c.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE action = 'tenant.adopt' "
                                            "AND details->>'object' = $1"),
                             {schema})
                          .toInt(0, 0);
        }
        return counts;
    }

    // Scanned and applied again, as an admin re-runs it: what is adopted is no longer offered, and
    // applying the old choice once more is refused as taken, doubling nothing.
    void expectRerunConverges(const ForeignFleet& f, const QList<AdoptCandidate>& chosen, const QStringList& schemas)
    {
        PgConnection catalog;
        catalog.open(ForeignFleet::catalogAdmin());
        ShardConnections shards(ForeignFleet::catalogAdmin(), FleetRoles::standard());
        const AdoptScan again = scan(catalog, shards, f);
        QVERIFY(candidatesFor(again, schemas).isEmpty());
        try {
            AdoptApplier(catalog).apply(again, chosen, {});
            QFAIL("adopting the same tenants twice was not refused");
        } catch (const InputError& e) {
            QVERIFY2(e.message().contains(QLatin1String("collides")), qPrintable(e.message()));
        }
        QCOMPARE(registrations(schemas), QList<qint64>(schemas.size() * 2, 1));
    }

    // A foreign fleet's three schemas, scanned on a catalog connection that runs through a
    // FaultProxy: each case sets its fault on the proxy, then applies the adoption.
    struct ProxiedAdoption {
        explicit ProxiedAdoption(const QString& name)
            : fleet(name)
            , schemas(makeSchemas(fleet))
            , proxy(ForeignFleet::catalogAdmin())
        {
            catalog.open(proxy.params());
            ShardConnections shards(ForeignFleet::catalogAdmin(), FleetRoles::standard());
            scanned = scan(catalog, shards, fleet);
            chosen = candidatesFor(scanned, schemas);
        }
        QList<qint64> apply() { return AdoptApplier(catalog).apply(scanned, chosen, {}); }

        ForeignFleet fleet;
        QStringList schemas;
        FaultProxy proxy;
        PgConnection catalog;
        AdoptScan scanned;
        QList<AdoptCandidate> chosen;
    };

private slots:
    void lostCommitAnswerIsReadBack()
    {
        ProxiedAdoption a(QStringLiteral("fc"));
        QCOMPARE(a.chosen.size(), 3);

        a.proxy.cutAfterCommit(1);
        const QList<qint64> ids = a.apply();
        QCOMPARE(a.proxy.cuts(), 1);
        QCOMPARE(ids.size(), 3);
        QCOMPARE(registrations(a.schemas), QList<qint64>(6, 1));
        expectRerunConverges(a.fleet, a.chosen, a.schemas);
    }

    void unreadableOutcomeIsUnknownNotFailed()
    {
        ProxiedAdoption a(QStringLiteral("fu"));

        a.proxy.cutAfterCommit(1);
        a.proxy.refuseAfterCut(); // the catalog cannot be reached again to read the outcome
        try {
            a.apply();
            QFAIL("an adoption whose outcome is unknown reported success");
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::UnknownOutcome);
            QVERIFY2(e.message().startsWith(QLatin1String("Whether the tenants were adopted is unknown")),
                     qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("adopt scan --shard ") + a.fleet.shard()),
                     qPrintable(e.message()));
        }
        // It had committed: all there, once.
        QCOMPARE(registrations(a.schemas), QList<qint64>(6, 1));
        expectRerunConverges(a.fleet, a.chosen, a.schemas);
    }

    void lostBeforeTheCommitWritesNothing()
    {
        ProxiedAdoption a(QStringLiteral("fb"));

        // The connection goes while the last statement before the COMMIT is answered: nothing
        // can have committed, and that is what is said.
        a.proxy.cutWhenClientSends(QRegularExpression(QStringLiteral("txid_current_if_assigned")));
        try {
            a.apply();
            QFAIL("a lost connection went unreported");
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::Connection);
        }
        QCOMPARE(a.proxy.cuts(), 1);
        QCOMPARE(registrations(a.schemas), QList<qint64>(6, 0));
    }

    void shardThatStopsAnsweringMidScanIsGivenUp()
    {
        ForeignFleet f(QStringLiteral("fs"));
        const QStringList schemas = makeSchemas(f);
        FaultProxy proxy(TestFleet::shardParams(1));
        PgConnection catalog;
        catalog.open(ForeignFleet::catalogAdmin());
        catalog.exec(QStringLiteral("UPDATE tenantdesk.endpoints SET port = $1 WHERE shard_id = (SELECT id FROM "
                                    "tenantdesk.shards WHERE name = $2)"),
                     {proxy.port(), f.shard()});
        // The admin's credentials for the proxy's port, and a short statement_timeout.
        ConnectionParams params = ForeignFleet::catalogAdmin();
        params.set("passfile", proxy.params().value("passfile"));
        params.set("options", QStringLiteral("-c statement_timeout=%1").arg(StatementTimeoutMs));
        ShardConnections shards(params, FleetRoles::standard());
        const qint64 tenantsBefore = ForeignFleet::catalogTenantCount(f.shard());

        // The schemas are listed; the server goes silent when asked for its databases.
        proxy.stallWhenClientSends(QRegularExpression(QStringLiteral("datistemplate")));
        QElapsedTimer timer;
        timer.start();
        try {
            scan(catalog, shards, f);
            QFAIL("a scan of a silent shard reported a result");
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::Connection);
            QVERIFY2(e.message().contains(QStringLiteral("did not answer within 3 s")), qPrintable(e.message()));
        }
        const qint64 ms = timer.elapsed();
        QVERIFY2(ms >= ReplyBoundMs - 200 && ms < ReplyBoundMs + GiveUpSlackMs, qPrintable(QString::number(ms)));
        QVERIFY(proxy.swallowedMessages() > 0);
        QCOMPARE(ForeignFleet::catalogTenantCount(f.shard()), tenantsBefore);

        // The shard answers again: a scan cancelled before its next step stops there; the same
        // scan not cancelled finds the schemas.
        proxy.passThrough();
        CancelToken cancel;
        cancel.cancel();
        try {
            AdoptScanner(catalog, shards, cancel).scan({f.shard(), AppLayout::Kind::Plain, {}, {}});
            QFAIL("a cancelled scan reported a result");
        } catch (const PgError& e) {
            QCOMPARE(e.kind(), PgError::Kind::Cancelled);
        }
        QCOMPARE(candidatesFor(scan(catalog, shards, f), schemas).size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestAdoptFaults)
#include "TestAdoptFaults.moc"
