#include "applayout/AppLayout.h"

#include <QTest>

// An application's layout as tenantdesk.app_layouts records it: the libraries' defaults, the
// admin's names over them, and the options written back as read.
class TestAppLayout : public QObject {
    Q_OBJECT

private slots:
    void optionsRoundTrip()
    {
        AppLayout l = AppLayout::defaults(AppLayout::Kind::DjangoTenants, QStringLiteral("app"))
                          .withOptions({{QStringLiteral("tenant_table"), QStringLiteral("crm.clients")},
                                        {QStringLiteral("active_column"), QStringLiteral("is_active")}});
        QCOMPARE(l.tenantTable.schema, QStringLiteral("crm"));
        QCOMPARE(l.tenantTable.name, QStringLiteral("clients"));
        const AppLayout back = AppLayout::defaults(AppLayout::Kind::DjangoTenants, QStringLiteral("app"))
                                   .withOptions(l.options());
        QCOMPARE(back.options(), l.options());
        QCOMPARE(back.activeColumn, QStringLiteral("is_active"));
        QCOMPARE(AppTable::parse(QStringLiteral("tenants")).text(), QStringLiteral("public.tenants"));
        QVERIFY(!AppLayout::defaults(AppLayout::Kind::Plain, QStringLiteral("app")).hasRegistry());
        QVERIFY(appLayoutKindFromString(QStringLiteral("stancl")) == AppLayout::Kind::Stancl);
        QVERIFY(!appLayoutKindFromString(QStringLiteral("rails")));
    }
};

QTEST_GUILESS_MAIN(TestAppLayout)
#include "TestAppLayout.moc"
