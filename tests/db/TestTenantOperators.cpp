#include "ScratchTenant.h"
#include "TenantctlProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// A tenant's owner may define operators and casts for the tenant's own types. Sorting, paging and
// filtering such a column in a support session must still use PostgreSQL's own comparisons: an
// operator or cast the owner wrote would otherwise run its function as the support role (here
// the function only raises, naming the role it ran as; it could as well read what that role may).
class TestTenantOperators : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchTenant> m_tenant;

    // The names of the moods tenantctl printed, in order; the command must succeed.
    QStringList browse(const QStringList& options)
    {
        const TenantctlProcess r = TenantctlProcess::run(
            QStringList{QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("feelings")} + options +
            QStringList{QStringLiteral("--json")});
        if (r.exitCode != 0 || r.err.contains("ran as")) {
            QTest::qFail(r.err.constData(), __FILE__, __LINE__);
            return {};
        }
        QStringList moods;
        for (const QJsonValue& row : QJsonDocument::fromJson(r.out).array())
            moods << row.toObject().value(QLatin1String("m")).toString();
        return moods;
    }

private slots:
    void initTestCase()
    {
        m_tenant = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("operators"));
        QStringList ddl{
            QStringLiteral("CREATE TYPE mood AS ENUM ('calm', 'glad', 'sad')"),
            QStringLiteral("CREATE FUNCTION snoop(a mood, b mood) RETURNS boolean LANGUAGE plpgsql "
                           "IMMUTABLE AS $$ BEGIN RAISE EXCEPTION 'tenant operator ran as %', "
                           "current_user; END $$"),
            QStringLiteral("CREATE FUNCTION snoop_text(a mood) RETURNS text LANGUAGE plpgsql "
                           "IMMUTABLE AS $$ BEGIN RAISE EXCEPTION 'tenant cast ran as %', "
                           "current_user; END $$"),
            QStringLiteral("CREATE CAST (mood AS text) WITH FUNCTION snoop_text(mood)"),
            QStringLiteral("CREATE TABLE feelings (m mood PRIMARY KEY, n int)"),
            QStringLiteral("INSERT INTO feelings VALUES ('calm', 1), ('glad', 2), ('sad', 3)")};
        for (const char* op : {"=", "<>", "<", ">", "<=", ">="})
            ddl << QStringLiteral("CREATE OPERATOR %1 (LEFTARG = mood, RIGHTARG = mood, FUNCTION = snoop)")
                       .arg(QLatin1String(op));
        m_tenant->run(ddl.join(u';'));
        ScratchTenant::waitForReplica();
    }

    void cleanupTestCase() { m_tenant.reset(); }

    void pagingUsesTheBuiltInComparison()
    {
        QCOMPARE(browse({}),
                 (QStringList{QStringLiteral("calm"), QStringLiteral("glad"), QStringLiteral("sad")}));
        QCOMPARE(browse({QStringLiteral("--after"), QStringLiteral("calm")}),
                 (QStringList{QStringLiteral("glad"), QStringLiteral("sad")}));
    }

    void filtersUseTheBuiltInComparison_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("=") << QStringLiteral("=") << QStringLiteral("glad")
                           << QStringList{QStringLiteral("glad")};
        QTest::newRow("<>") << QStringLiteral("<>") << QStringLiteral("glad")
                            << QStringList{QStringLiteral("calm"), QStringLiteral("sad")};
        QTest::newRow(">=") << QStringLiteral(">=") << QStringLiteral("glad")
                            << QStringList{QStringLiteral("glad"), QStringLiteral("sad")};
        QTest::newRow("contains") << QStringLiteral("contains") << QStringLiteral("AD")
                                  << QStringList{QStringLiteral("glad"), QStringLiteral("sad")};
    }

    void filtersUseTheBuiltInComparison()
    {
        QFETCH(QString, op);
        QFETCH(QString, value);
        QFETCH(QStringList, expected);
        QCOMPARE(browse({QStringLiteral("--where"), QStringLiteral("m"), op, value}), expected);
    }
};

QTEST_GUILESS_MAIN(TestTenantOperators)
#include "TestTenantOperators.moc"
