#include "ExpectInputError.h"
#include "ReadTable.h"
#include "ScratchTenant.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"
#include "browse/TenantReader.h"
#include "catalog/TenantLocator.h"

#include <QTest>
#include <functional>

// A support session browses as a role that cannot write: not a superuser, not BYPASSRLS, not a
// role that owns the tenant's objects or may change them. Any other role is refused before a row
// is read, through tenantctl --support-user and TenantReader alike; the audit row of an opened
// tenant names the role that browsed.
class TestSupportRoleCheck : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchTenant> m_tenant;
    PgConnection m_catalog;
    PgConnection m_superuser; // on shard 1's tenants database: creates and drops the test's roles
    const QString m_password = QStringLiteral("rolecheck-%1").arg(QCoreApplication::applicationPid());
    QStringList m_roles;

    // tenantctl on the sandbox catalog, reading the primary.
    static TenantctlProcess tenantctl(const QStringList& args)
    {
        return TenantctlProcess::run(args + QStringList{QStringLiteral("--max-lag"), QStringLiteral("0")});
    }

    // A login role made for the test with attributes (e.g. "BYPASSRLS"), then grants run as the owner.
    QString createRole(const QString& purpose, const QString& attributes, const QString& grants = {})
    {
        const QString role = QStringLiteral("tdtest_%1_%2").arg(purpose).arg(QCoreApplication::applicationPid());
        m_superuser.exec(QStringLiteral("SELECT set_config('tdtest.password', $1, false)"), {m_password});
        m_superuser.execScript(QStringLiteral("DO $$ BEGIN EXECUTE format('CREATE ROLE %I LOGIN %s PASSWORD %L', "
                                              "'%1', '%2', current_setting('tdtest.password')); END $$")
                                   .arg(role, attributes));
        m_roles << role;
        m_tenant->run(QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2; GRANT SELECT ON items TO %2; %3")
                          .arg(m_superuser.quoteIdentifier(m_tenant->schema()), role,
                               QString(grants).replace(QLatin1String("ROLE"), role)));
        ScratchTenant::waitForReplica();
        return role;
    }

    TenantAccess accessAs(const QString& role) const
    {
        ConnectionParams params = TenantAccess::supportParamsFrom(TestFleet::catalogParams(), role);
        params.set("password", m_password);
        TenantAccess access{TenantLocator::locate(const_cast<PgConnection&>(m_catalog), m_tenant->slug()), params, {}};
        access.maxLagSeconds = -1; // the primary: where a write could happen at all
        return access;
    }

    qint64 openAudits()
    {
        return m_catalog
            .exec(
                QStringLiteral("SELECT count(*) FROM tenantdesk.audit_log WHERE action = 'tenant.open' AND slug = $1"),
                {m_tenant->slug()})
            .toInt(0, 0);
    }

private slots:
    void initTestCase()
    {
        m_tenant = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("rolecheck"));
        m_tenant->run(QStringLiteral("CREATE TABLE items (id int PRIMARY KEY, price numeric NOT NULL);"
                                     "INSERT INTO items SELECT g, g FROM generate_series(1, 10) g"));
        ScratchTenant::waitForReplica();
        m_catalog.open(TestFleet::catalogParams().withSafeDefaults());
        m_superuser.open(TestFleet::shardParams(1, SandboxRoles::superuser).withSafeDefaults());
    }

    void cleanupTestCase()
    {
        for (const QString& role : std::as_const(m_roles))
            m_superuser.execScript(
                QStringLiteral("DROP OWNED BY %1; DROP ROLE %1").arg(m_superuser.quoteIdentifier(role)));
        m_tenant.reset();
    }

    void superuserIsRefused()
    {
        const qint64 audits = openAudits();
        const TenantctlProcess r = tenantctl({QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("items"),
                                              QStringLiteral("--support-user"), SandboxRoles::superuser});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.outText()));
        QVERIFY2(r.errText().contains(QLatin1String("\"postgres\" is a superuser")), qPrintable(r.errText()));
        QCOMPARE(openAudits(), audits);
    }

    void ownerIsRefused()
    {
        // tenantdesk_admin is a member of tenantdesk_owner, which owns every tenant schema.
        const TenantctlProcess r = tenantctl({QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("items"),
                                              QStringLiteral("--support-user"), SandboxRoles::admin});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.outText()));
        QVERIFY2(r.errText().contains(QLatin1String("\"tenantdesk_admin\" owns or may change")),
                 qPrintable(r.errText()));
    }

    void bypassRlsIsRefused()
    {
        const QString role = createRole(QStringLiteral("bypass"), QStringLiteral("BYPASSRLS"));
        PgConnection c;
        TenantReader reader(accessAs(role));
        expectInputError([&] { reader.connect(c); }, QStringLiteral("has BYPASSRLS"));
    }

    void roleThatMayWriteIsRefused()
    {
        const QString role = createRole(QStringLiteral("writer"), {},
                                        QStringLiteral("GRANT UPDATE (price) ON items TO ROLE"));
        PgConnection c;
        TenantReader reader(accessAs(role));
        expectInputError([&] { reader.connect(c); },
                         QStringLiteral("owns or may change table %1.items").arg(m_tenant->schema()));
    }

    void readOnlyRoleBrowsesAndIsRecorded()
    {
        const QString role = createRole(QStringLiteral("reader"), {});
        TenantBrowser b(accessAs(role));
        QCOMPARE(b.reader.read(b.c, [&] { return b.c.exec(QStringLiteral("SELECT count(*) FROM items")).toInt(0, 0); }),
                 10);

        const TenantctlProcess r = tenantctl({QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("items")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.errText()));
        const PgResult audit = m_catalog.exec(
            QStringLiteral("SELECT details->>'support_role' FROM tenantdesk.audit_log WHERE action = 'tenant.open' "
                           "AND slug = $1 ORDER BY id DESC LIMIT 1"),
            {m_tenant->slug()});
        QCOMPARE(audit.rows(), 1);
        QCOMPARE(audit.text(0, 0), QStringLiteral("tenantdesk_support"));
    }
};

QTEST_GUILESS_MAIN(TestSupportRoleCheck)
#include "TestSupportRoleCheck.moc"
