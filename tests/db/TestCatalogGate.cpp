#include "CatalogMigrator.h"
#include "ScratchDatabase.h"
#include "ScratchTenant.h"
#include "TestFleet.h"

#include <QProcess>
#include <QScopeGuard>
#include <QTest>

// Every path that reads or writes the catalog passes one gate: a catalog newer than this build
// is read, never written (tenantctl's writes are refused naming both versions, and leave no row
// behind), and a database that is not a catalog says so instead of "relation ... does not exist".
class TestCatalogGate : public QObject {
    Q_OBJECT

    PgConnection m_catalog;

    struct CliRun {
        int exitCode;
        QString out;
        QString err;
    };

    static CliRun tenantctl(const QString& conninfo, QStringList args)
    {
        const QString program = qEnvironmentVariable("TENANTCTL");
        if (program.isEmpty())
            qFatal("TENANTCTL is not set: run this test through ctest");
        QProcess p;
        args << QStringLiteral("--catalog") << conninfo;
        p.start(program, args);
        if (!p.waitForFinished(120000))
            qFatal("tenantctl did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

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
    void initTestCase()
    {
        m_catalog.open(TestFleet::catalogParams().withSafeDefaults());
    }

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
             QStringLiteral("--name"), QStringLiteral("Gate New")},
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
            const CliRun r = tenantctl(conninfo, args);
            const QString what = args.join(u' ');
            QVERIFY2(r.exitCode == 1, qPrintable(what + QStringLiteral(" exited %1: ").arg(r.exitCode) + r.err));
            QVERIFY2(r.err.contains(refusal), qPrintable(what + QStringLiteral(": ") + r.err));
            QVERIFY2(r.out.isEmpty(), qPrintable(what + QStringLiteral(" printed: ") + r.out));
            QCOMPARE(catalogFingerprint(), before);
        }
        // Reading it is fine: the application keeps routing with it, support keeps finding tenants.
        const CliRun list = tenantctl(conninfo, {QStringLiteral("tenants"), QStringLiteral("list")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QVERIFY(list.out.contains(tenant.slug()));
        const CliRun resolve = tenantctl(conninfo, {QStringLiteral("resolve"), tenant.domain()});
        QVERIFY2(resolve.exitCode == 0, qPrintable(resolve.err));
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
            const CliRun r = tenantctl(conninfo, args);
            const QString what = args.join(u' ');
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QStringLiteral("This database (%1 on ").arg(db.name()))
                         && r.err.contains(QLatin1String("holds no TenantDesk catalog"))
                         && r.err.contains(QLatin1String("`tenantctl catalog migrate --init`")),
                     qPrintable(what + QStringLiteral(": ") + r.err));
            QVERIFY2(!r.err.contains(QLatin1String("does not exist")), qPrintable(what + QStringLiteral(": ") + r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestCatalogGate)
#include "TestCatalogGate.moc"
