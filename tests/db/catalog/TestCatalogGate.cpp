#include "ScratchDatabase.h"
#include "ScratchTenant.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "catalog/CatalogMigrator.h"

#include <QScopeGuard>
#include <QTest>

// Every path that reads or writes the catalog passes one gate: a catalog newer than this build
// is read, never written (tenantctl's writes are refused naming both versions, and leave no row
// behind), and a database that is not a catalog says so instead of "relation ... does not exist".
class TestCatalogGate : public QObject {
    Q_OBJECT

    PgConnection m_catalog;

    // What a write would change: tenants, their names and states, domains, and the audit log.
    QString catalogFingerprint()
    {
        return m_catalog
            .exec(QStringLiteral(
                "SELECT (SELECT count(*) FROM tenantdesk.audit_log) || '/' || (SELECT count(*) FROM "
                "tenantdesk.domains) || '/' || (SELECT md5(string_agg(slug || display_name || state, ',' ORDER BY "
                "slug)) FROM tenantdesk.tenants)"))
            .text(0, 0);
    }

private slots:
    void initTestCase() { m_catalog.open(TestFleet::catalogParams().withSafeDefaults()); }

    void newerCatalogIsReadButNeverWritten()
    {
        ScratchTenant tenant(IsolationModel::Schema, QStringLiteral("gate"));
        m_catalog.execScript(QStringLiteral(
            "INSERT INTO tenantdesk.schema_version (version, description) VALUES (999, 'from the future')"));
        const auto restore = qScopeGuard([this] {
            m_catalog.execScript(QStringLiteral("DELETE FROM tenantdesk.schema_version WHERE version = 999"));
        });
        const QString before = catalogFingerprint();
        const QString conninfo = TestFleet::catalogParams().toConnectionString();
        const QList<QStringList> writes{
            {QStringLiteral("tenants"), QStringLiteral("create"), QStringLiteral("tdtest-gate-new"),
             QStringLiteral("--template"), QStringLiteral("store"), QStringLiteral("--name"),
             QStringLiteral("Gate New")},
            {QStringLiteral("tenants"), QStringLiteral("edit"), tenant.slug(), QStringLiteral("--name"),
             QStringLiteral("Renamed")},
            {QStringLiteral("tenants"), QStringLiteral("suspend"), tenant.slug()},
            {QStringLiteral("reconcile")},
            {QStringLiteral("browse"), QStringLiteral("acme"), QStringLiteral("customers")},
        };
        const QString refusal = QStringLiteral("This catalog is at version 999, newer than this TenantDesk "
                                               "understands (version %1)")
                                    .arg(CatalogMigrator::latestVersion());
        for (const QStringList& args : writes) {
            const TenantctlProcess r = TenantctlProcess::runOn(conninfo, args, 120000);
            const QString what = args.join(u' ');
            QVERIFY2(r.exitCode == 1, qPrintable(what + QStringLiteral(" exited %1: ").arg(r.exitCode) + r.errText()));
            QVERIFY2(r.errText().contains(refusal), qPrintable(what + QStringLiteral(": ") + r.errText()));
            QVERIFY2(r.out.isEmpty(), qPrintable(what + QStringLiteral(" printed: ") + r.outText()));
            QCOMPARE(catalogFingerprint(), before);
        }
        // Reading it is fine: the application keeps routing with it, support keeps finding tenants.
        const TenantctlProcess list = TenantctlProcess::runOn(
            conninfo, {QStringLiteral("tenants"), QStringLiteral("list")}, 120000);
        QVERIFY2(list.exitCode == 0, qPrintable(list.errText()));
        QVERIFY(list.outText().contains(tenant.slug()));
        const TenantctlProcess resolve = TenantctlProcess::runOn(conninfo, {QStringLiteral("resolve"), tenant.domain()},
                                                                 120000);
        QVERIFY2(resolve.exitCode == 0, qPrintable(resolve.errText()));
    }

    void aDatabaseThatIsNoCatalogSaysSo()
    {
        ScratchDatabase db(QStringLiteral("nocatalog"));
        const QString conninfo = db.params().toConnectionString();
        const QList<QStringList> commands{
            {QStringLiteral("tenants"), QStringLiteral("list")},
            {QStringLiteral("resolve"), QStringLiteral("acme.example.com")},
            {QStringLiteral("browse"), QStringLiteral("acme"), QStringLiteral("customers")},
            {QStringLiteral("tenants"), QStringLiteral("suspend"), QStringLiteral("acme")},
        };
        for (const QStringList& args : commands) {
            const TenantctlProcess run = TenantctlProcess::runOn(conninfo, args, 120000);
            const QString err = run.errText();
            const QString what = args.join(u' ');
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(err.contains(QStringLiteral("This database (%1 on ").arg(db.name()))
                         && err.contains(QLatin1String("holds no TenantDesk catalog"))
                         && err.contains(QLatin1String("`tenantctl catalog migrate --init`")),
                     qPrintable(what + QStringLiteral(": ") + err));
            QVERIFY2(!err.contains(QLatin1String("does not exist")), qPrintable(what + QStringLiteral(": ") + err));
        }
    }
};

QTEST_GUILESS_MAIN(TestCatalogGate)
#include "TestCatalogGate.moc"
