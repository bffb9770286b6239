#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "catalog/RoutePath.h"
#include "pg/PgConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Routing by URL path reads the path the way a web server does before matching it: percent-encoded
// letters, digits and dots decoded, "//" collapsed, "." and ".." resolved, never above the root.
// In the catalog's routing function, which applications call, and in tenantctl. The sandbox routes
// portal.example.com/initech and portal.example.com/wayne.
class TestResolveRouting : public QObject {
    Q_OBJECT

    PgConnection m_catalog;

private slots:
    void initTestCase() { m_catalog.open(TestFleet::catalogParams().withSafeDefaults()); }

    void sqlNormalizesPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("root") << QStringLiteral("/") << QStringLiteral("/");
        QTest::newRow("empty") << QString() << QStringLiteral("/");
        QTest::newRow("plain") << QStringLiteral("/wayne/orders") << QStringLiteral("/wayne/orders");
        QTest::newRow("dot dot") << QStringLiteral("/initech/../wayne/orders") << QStringLiteral("/wayne/orders");
        QTest::newRow("encoded dots") << QStringLiteral("/initech/%2e%2e/wayne") << QStringLiteral("/wayne");
        QTest::newRow("encoded dots upper") << QStringLiteral("/initech/%2E%2E/wayne") << QStringLiteral("/wayne");
        QTest::newRow("half encoded") << QStringLiteral("/initech/.%2e/wayne") << QStringLiteral("/wayne");
        QTest::newRow("double slashes") << QStringLiteral("//wayne//orders") << QStringLiteral("/wayne/orders");
        QTest::newRow("dots") << QStringLiteral("/./wayne/./orders/.") << QStringLiteral("/wayne/orders/");
        QTest::newRow("above root") << QStringLiteral("/../../wayne") << QStringLiteral("/wayne");
        QTest::newRow("trailing dot dot") << QStringLiteral("/wayne/orders/..") << QStringLiteral("/wayne/");
        QTest::newRow("encoded letter") << QStringLiteral("/%77ayne") << QStringLiteral("/wayne");
        QTest::newRow("encoded slash kept") << QStringLiteral("/wayne%2forders") << QStringLiteral("/wayne%2Forders");
        QTest::newRow("utf-8 kept") << QStringLiteral("/caf%c3%a9") << QStringLiteral("/caf%C3%A9");
        QTest::newRow("bad escape") << QStringLiteral("/a%zz/%") << QStringLiteral("/a%zz/%");
        QTest::newRow("dots in a name") << QStringLiteral("/wayne..x/.y") << QStringLiteral("/wayne..x/.y");
        QTest::newRow("only an encoded dot") << QStringLiteral("/%2e") << QStringLiteral("/");
        QTest::newRow("no leading slash") << QStringLiteral("wayne/../initech") << QStringLiteral("/initech");
    }

    // The catalog's function, which applications call, and RoutePath, which tenantctl and the
    // domain validator use, read every path alike.
    void sqlNormalizesPaths()
    {
        QFETCH(QString, path);
        QFETCH(QString, normalized);
        QCOMPARE(m_catalog.exec(QStringLiteral("SELECT tenantdesk.normalize_route_path($1)"), {path}).text(0, 0),
                 normalized);
        QCOMPARE(RoutePath::normalized(path), normalized);
    }

    void resolveReadsThePathLikeAWebServer_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("slug");
        QTest::newRow("dot dot") << QStringLiteral("https://portal.example.com/initech/../wayne/orders")
                                 << QStringLiteral("wayne");
        QTest::newRow("encoded dots") << QStringLiteral("https://portal.example.com/initech/%2e%2e/wayne/orders")
                                      << QStringLiteral("wayne");
        QTest::newRow("encoded dots upper")
            << QStringLiteral("https://portal.example.com/initech/%2E%2E/wayne") << QStringLiteral("wayne");
        QTest::newRow("double slash") << QStringLiteral("portal.example.com//wayne//orders") << QStringLiteral("wayne");
        QTest::newRow("encoded letter") << QStringLiteral("portal.example.com/%77ayne?x=/initech")
                                        << QStringLiteral("wayne");
        QTest::newRow("back again") << QStringLiteral("https://portal.example.com/wayne/../initech")
                                    << QStringLiteral("initech");
        QTest::newRow("plain") << QStringLiteral("https://portal.example.com/initech/orders")
                               << QStringLiteral("initech");
    }

    void resolveReadsThePathLikeAWebServer()
    {
        QFETCH(QString, url);
        QFETCH(QString, slug);
        // What an application server calls ...
        const PgResult r = m_catalog.exec(QStringLiteral("SELECT slug FROM tenantdesk.resolve($1)"), {url});
        QCOMPARE(r.rows(), 1);
        QCOMPARE(r.text(0, 0), slug);
        // ... and what an admin types.
        const TenantctlProcess cli = TenantctlProcess::run({QStringLiteral("resolve"), url, QStringLiteral("--json")});
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.errText()));
        QCOMPARE(QJsonDocument::fromJson(cli.outText().toUtf8()).object().value(QLatin1String("slug")).toString(),
                 slug);
    }

    void resolveNeverClimbsAboveARoute()
    {
        // "/initech/.." is the root: no path prefix matches it, and portal.example.com has no bare route.
        QCOMPARE(m_catalog
                     .exec(QStringLiteral("SELECT count(*) FROM tenantdesk.resolve($1)"),
                           {QStringLiteral("https://portal.example.com/initech/..")})
                     .toInt(0, 0),
                 0);
    }

    void domainsThatAreNotPlainPathsAreRefused_data()
    {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<QString>("plain");
        QTest::newRow("dot dot") << QStringLiteral("x.example.com/../admin") << QStringLiteral("/admin");
        QTest::newRow("encoded dots") << QStringLiteral("x.example.com/shop/%2e%2e/admin") << QStringLiteral("/admin");
        QTest::newRow("double slash") << QStringLiteral("x.example.com//shop") << QStringLiteral("/shop");
    }

    void domainsThatAreNotPlainPathsAreRefused()
    {
        QFETCH(QString, domain);
        QFETCH(QString, plain);
        const TenantctlProcess r = TenantctlProcess::run(
            {QStringLiteral("tenants"), QStringLiteral("create"), QStringLiteral("tdtest-dots"),
             QStringLiteral("--template"), QStringLiteral("store"), QStringLiteral("--name"), QStringLiteral("Dots"),
             QStringLiteral("--domain"), domain, QStringLiteral("--plan")});
        QVERIFY2(r.exitCode != 0, qPrintable(r.outText()));
        QVERIFY2(r.errText().contains(QStringLiteral("\"%1\"").arg(plain)), qPrintable(r.errText()));
    }
};

QTEST_GUILESS_MAIN(TestResolveRouting)
#include "TestResolveRouting.moc"
