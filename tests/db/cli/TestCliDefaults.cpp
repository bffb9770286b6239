#include "ScratchDatabase.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "pg/PgConnection.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

// What tenantctl assumes when an admin leaves something out, on a catalog that is not the
// sandbox's: which template a new tenant gets, and which catalog a command acts on.
class TestCliDefaults : public QObject {
    Q_OBJECT

    static QStringList create(const QString& slug, const QString& model)
    {
        return {QStringLiteral("tenants"),  QStringLiteral("create"),  slug, QStringLiteral("--name"),
                QStringLiteral("Defaults"), QStringLiteral("--model"), model};
    }

private slots:
    // Without --template, a create takes the catalog's only template for the model, and otherwise
    // says which to name; nothing is written either way.
    void createTakesTheOnlyTemplateOfItsModel()
    {
        ScratchDatabase db(QStringLiteral("clidefaults"));
        const QString conninfo = db.params().toConnectionString();
        const TenantctlProcess init = TenantctlProcess::runOn(
            conninfo, {QStringLiteral("catalog"), QStringLiteral("migrate"), QStringLiteral("--init")}, 120000);
        QVERIFY2(init.exitCode == 0, init.err.constData());
        PgConnection catalog;
        catalog.open(db.params().withSafeDefaults());
        auto tenants = [&] {
            return catalog.exec(QStringLiteral("SELECT count(*) FROM tenantdesk.tenants")).toInt(0, 0);
        };

        const TenantctlProcess none = TenantctlProcess::runOn(
            conninfo, create(QStringLiteral("first"), QStringLiteral("schema")));
        QCOMPARE(none.exitCode, 1);
        QVERIFY2(none.errText().contains(QStringLiteral("The catalog has no template for schema tenants")),
                 none.err.constData());

        catalog.execScript(
            QStringLiteral("INSERT INTO tenantdesk.templates (name, version, isolation_model, ddl) VALUES "
                           "('shop', 1, 'schema', 'CREATE TABLE orders (id int PRIMARY KEY)'), "
                           "('crm', 1, 'schema', 'CREATE TABLE leads (id int PRIMARY KEY)'), "
                           "('erp', 1, 'database', 'CREATE TABLE invoices (id int PRIMARY KEY)')"));
        const TenantctlProcess several = TenantctlProcess::runOn(
            conninfo, create(QStringLiteral("first"), QStringLiteral("schema")));
        QCOMPARE(several.exitCode, 1);
        QVERIFY2(several.errText().contains(QStringLiteral("several templates for schema tenants: name one with "
                                                           "--template (crm, shop)")),
                 several.err.constData());

        // The one database template is taken: what stops the create now is the missing shard.
        const TenantctlProcess one = TenantctlProcess::runOn(
            conninfo, create(QStringLiteral("first"), QStringLiteral("database")));
        QCOMPARE(one.exitCode, 1);
        QVERIFY2(!one.errText().contains(QStringLiteral("template")), one.err.constData());
        QVERIFY2(one.errText().contains(QStringLiteral("No shard takes new tenants")), one.err.constData());
        QCOMPARE(tenants(), 0);
    }

    // With neither --catalog nor $TENANTDESK_CATALOG, tenantctl falls back to the sandbox's catalog
    // and says so, so that nobody acts on a sandbox believing it is their fleet.
    void theSandboxFallbackIsSaid()
    {
        QTemporaryDir temp;
        QVERIFY(temp.isValid());
        const QByteArray oldTemp = qgetenv("TMPDIR"), oldCatalog = qgetenv("TENANTDESK_CATALOG");
        const auto restore = qScopeGuard([&] {
            qputenv("TMPDIR", oldTemp);
            if (oldCatalog.isEmpty())
                qunsetenv("TENANTDESK_CATALOG");
            else
                qputenv("TENANTDESK_CATALOG", oldCatalog);
        });
        qputenv("TMPDIR", temp.path().toLocal8Bit());
        qunsetenv("TENANTDESK_CATALOG");
        const QStringList list{QStringLiteral("tenants"), QStringLiteral("list")};

        const TenantctlProcess nothing = TenantctlProcess::runWithoutCatalog(list);
        QCOMPARE(nothing.exitCode, 1);
        QVERIFY2(nothing.errText().contains(QStringLiteral("No catalog to connect to: pass --catalog")),
                 nothing.err.constData());

        // A sandbox's conninfo file where tenantctl looks for one, pointing at the test catalog.
        QVERIFY2(nothing.errText().contains(temp.path()), nothing.err.constData());
        const QString dir = nothing.errText().section(temp.path(), 1).section(u'/', 1, 1);
        QVERIFY2(dir.startsWith(QStringLiteral("tenantdesk-sandbox-")), qPrintable(dir));
        QVERIFY(QDir(temp.path()).mkpath(dir));
        QFile conninfo(QDir(temp.path()).filePath(dir + QStringLiteral("/catalog.conninfo")));
        QVERIFY(conninfo.open(QIODevice::WriteOnly));
        conninfo.write(TestFleet::catalogParams().toConnectionString().toUtf8());
        conninfo.close();

        const TenantctlProcess fallback = TenantctlProcess::runWithoutCatalog(list);
        QVERIFY2(fallback.exitCode == 0, fallback.err.constData());
        QVERIFY2(fallback.errText().contains(QStringLiteral("no --catalog and no $TENANTDESK_CATALOG: using the "
                                                            "sandbox's catalog in ")),
                 fallback.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliDefaults)
#include "TestCliDefaults.moc"
