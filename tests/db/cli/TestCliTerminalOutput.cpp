#include "ScratchTenant.h"
#include "TenantctlProcess.h"
#include "TestFleet.h"

#include <QTest>

// What tenantctl prints as plain text reaches a terminal: a tenant's data and names must not be
// able to drive it. Escape sequences, other control characters and direction overrides in cells,
// column names and display names come out as visible escapes (\x1b, \u202e).
class TestCliTerminalOutput : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchTenant> m_tenant;

    // What tenantctl printed on stdout; it must succeed.
    static QString output(const QStringList& args)
    {
        const TenantctlProcess run = TenantctlProcess::run(args);
        if (run.exitCode != 0)
            qFatal("tenantctl failed: %s", qPrintable(run.errText()));
        return run.outText();
    }

    static void expectInert(const QString& out)
    {
        for (const QChar c : out) {
            const bool control = (c.unicode() < 0x20 && c != u'\n' && c != u'\t')
                                 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f);
            const bool bidi = (c.unicode() >= 0x202a && c.unicode() <= 0x202e)
                              || (c.unicode() >= 0x2066 && c.unicode() <= 0x2069);
            QVERIFY2(!control && !bidi, qPrintable(QStringLiteral("U+%1 reached the terminal in: %2")
                                                       .arg(c.unicode(), 4, 16, QLatin1Char('0'))
                                                       .arg(out.toUtf8().toPercentEncoding(" \n\t/=-_:,.()"))));
        }
    }

private slots:
    void initTestCase()
    {
        m_tenant = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("terminal"));
        m_tenant->run(QStringLiteral(
            "CREATE TABLE notes (id int PRIMARY KEY, \"title\u202e\x1b[2J\" text, body text);"
            "INSERT INTO notes VALUES (1, E'\\x1b]0;owned\\x07', 'price: ' || chr(8238) || '0.01 RSU'),"
            "                         (2, 'del' || chr(127) || chr(155) || 'c1', E'isolate ' || chr(8294) || 'x')"));
        ScratchTenant::waitForReplica();
    }

    void cleanupTestCase() { m_tenant.reset(); }

    void browseCellsAndNamesAreEscaped()
    {
        const QString out = output({QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("notes")});
        expectInert(out);
        QVERIFY2(out.contains(QLatin1String("title\\u202e\\x1b[2J")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("\\x1b]0;owned\\x07")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("price: \\u202e0.01 RSU")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("del\\x7f\\x9bc1")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1String("isolate \\u2066x")), qPrintable(out));
    }

    void tenantNamesAreEscaped()
    {
        // Written to the catalog directly: TenantDesk itself never accepts such a name.
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        catalog.exec(QStringLiteral("UPDATE tenantdesk.tenants SET display_name = $2 WHERE slug = $1"),
                     {m_tenant->slug(), QStringLiteral("Evil \x1b[31m\u202eCorp")});
        const QString out = output(
            {QStringLiteral("tenants"), QStringLiteral("list"), QStringLiteral("--filter"), m_tenant->slug()});
        expectInert(out);
        QVERIFY2(out.contains(QLatin1String("Evil \\x1b[31m\\u202eCorp")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestCliTerminalOutput)
#include "TestCliTerminalOutput.moc"
