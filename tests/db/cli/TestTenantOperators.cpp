#include "ScratchTenant.h"
#include "TenantctlProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// A tenant's owner may define operators, casts and domains for the tenant's own types. Sorting,
// paging and filtering such a column in a support session must still use PostgreSQL's own
// comparisons and input: an operator or cast the owner wrote, or the check of a domain (also one
// under an array or under another domain), would otherwise run its function as the support role
// (here the function only raises, naming the role it ran as; it could as well read what that role
// may).
class TestTenantOperators : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchTenant> m_tenant;

    // Column k of the rows tenantctl printed, in order; the command must succeed.
    QStringList browse(const QStringList& options, const QString& table = QStringLiteral("feelings"))
    {
        const TenantctlProcess r = TenantctlProcess::run(QStringList{QStringLiteral("browse"), m_tenant->slug(), table}
                                                         + options + QStringList{QStringLiteral("--json")});
        if (r.exitCode != 0 || r.err.contains("ran as")) {
            QTest::qFail(r.err.constData(), __FILE__, __LINE__);
            return {};
        }
        QStringList moods;
        for (const QJsonValue& row : QJsonDocument::fromJson(r.out).array())
            moods << row.toObject().value(QLatin1String("k")).toString();
        return moods;
    }

private slots:
    void initTestCase()
    {
        m_tenant = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("operators"));
        QStringList ddl{QStringLiteral("CREATE TYPE mood AS ENUM ('calm', 'glad', 'sad')"),
                        QStringLiteral("CREATE FUNCTION snoop(a mood, b mood) RETURNS boolean LANGUAGE plpgsql "
                                       "IMMUTABLE AS $$ BEGIN RAISE EXCEPTION 'tenant operator ran as %', "
                                       "current_user; END $$"),
                        QStringLiteral("CREATE FUNCTION snoop_text(a mood) RETURNS text LANGUAGE plpgsql "
                                       "IMMUTABLE AS $$ BEGIN RAISE EXCEPTION 'tenant cast ran as %', "
                                       "current_user; END $$"),
                        QStringLiteral("CREATE CAST (mood AS text) WITH FUNCTION snoop_text(mood)"),
                        QStringLiteral("CREATE TABLE feelings (k mood PRIMARY KEY, n int)"),
                        QStringLiteral("INSERT INTO feelings VALUES ('calm', 1), ('glad', 2), ('sad', 3)"),
                        QStringLiteral("CREATE FUNCTION watch(v mood) RETURNS boolean LANGUAGE plpgsql IMMUTABLE "
                                       "AS $$ BEGIN IF current_user = 'tenantdesk_support' THEN RAISE "
                                       "EXCEPTION 'domain check ran as %', current_user; END IF; RETURN "
                                       "true; END $$"),
                        QStringLiteral("CREATE DOMAIN watched AS mood CHECK (watch(VALUE))"),
                        QStringLiteral("CREATE DOMAIN rewatched AS watched"),
                        QStringLiteral("CREATE TABLE tickets (k watched[] PRIMARY KEY, n int)"),
                        QStringLiteral("INSERT INTO tickets VALUES ('{calm}', 1), ('{glad}', 2), ('{sad}', 3)"),
                        QStringLiteral("CREATE TABLE layered (k rewatched PRIMARY KEY, n int)"),
                        QStringLiteral("INSERT INTO layered VALUES ('calm', 1), ('glad', 2), ('sad', 3)")};
        for (const char* op : {"=", "<>", "<", ">", "<=", ">="})
            ddl << QStringLiteral("CREATE OPERATOR %1 (LEFTARG = mood, RIGHTARG = mood, FUNCTION = snoop)")
                       .arg(QLatin1String(op));
        m_tenant->run(ddl.join(u';'));
        ScratchTenant::waitForReplica();
    }

    void cleanupTestCase() { m_tenant.reset(); }

    void pagingUsesTheBuiltInComparison()
    {
        QCOMPARE(browse({}), (QStringList{QStringLiteral("calm"), QStringLiteral("glad"), QStringLiteral("sad")}));
        QCOMPARE(browse({QStringLiteral("--after"), QStringLiteral("calm")}),
                 (QStringList{QStringLiteral("glad"), QStringLiteral("sad")}));
    }

    void filtersUseTheBuiltInComparison_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("=") << QStringLiteral("=") << QStringLiteral("glad") << QStringList{QStringLiteral("glad")};
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
        QCOMPARE(browse({QStringLiteral("--where"), QStringLiteral("k"), op, value}), expected);
    }

    // A key's values go to the server as the type at the bottom of its domains, so no domain check
    // runs; an array of a domain (whose elements would be read as the domain) is neither a key to
    // page by nor compared, only searched as text.
    void domainsUnderArraysAndDomainsAreNotChecked()
    {
        QCOMPARE(browse({QStringLiteral("--after"), QStringLiteral("calm")}, QStringLiteral("layered")),
                 (QStringList{QStringLiteral("glad"), QStringLiteral("sad")}));
        QCOMPARE(browse({QStringLiteral("--where"), QStringLiteral("k"), QStringLiteral("="), QStringLiteral("glad")},
                        QStringLiteral("layered")),
                 QStringList{QStringLiteral("glad")});

        QStringList all = browse({}, QStringLiteral("tickets"));
        all.sort();
        QCOMPARE(all, (QStringList{QStringLiteral("{calm}"), QStringLiteral("{glad}"), QStringLiteral("{sad}")}));
        QCOMPARE(
            browse({QStringLiteral("--where"), QStringLiteral("k"), QStringLiteral("contains"), QStringLiteral("glad")},
                   QStringLiteral("tickets")),
            QStringList{QStringLiteral("{glad}")});
        const TenantctlProcess compared = TenantctlProcess::run(
            {QStringLiteral("browse"), m_tenant->slug(), QStringLiteral("tickets"), QStringLiteral("--where"),
             QStringLiteral("k"), QStringLiteral("="), QStringLiteral("{glad}")});
        QVERIFY(compared.exitCode != 0);
        QVERIFY2(compared.errText().contains(QStringLiteral("cannot be compared with =")), compared.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestTenantOperators)
#include "TestTenantOperators.moc"
