#include "adopt/SlugProposer.h"
#include "provision/TenantSpecValidator.h"

#include <QTest>

// Slugs proposed for adopted tenants: from any name an application or a schema may carry, always
// one the catalog takes, and never one taken already (also with '-' read as '_').
class TestSlugProposer : public QObject {
    Q_OBJECT

private slots:
    void fromNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("slug");
        QTest::newRow("plain") << QStringLiteral("acme") << QStringLiteral("acme");
        QTest::newRow("words") << QStringLiteral("Acme Inc.") << QStringLiteral("acme-inc");
        QTest::newRow("accents") << QStringLiteral("Café Zürich") << QStringLiteral("cafe-zurich");
        QTest::newRow("hostile") << QStringLiteral("o'brien \"x\" -- {1} $1 %1 /*")
                                 << QStringLiteral("o-brien-x-1-1-1");
        QTest::newRow("digit first") << QStringLiteral("42 north") << QStringLiteral("t-42-north");
        QTest::newRow("nothing left") << QStringLiteral("日本") << QStringLiteral("t");
        QTest::newRow("underscores") << QStringLiteral("tenant_a") << QStringLiteral("tenant-a");
    }

    void fromNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, slug);
        QCOMPARE(SlugProposer::slugOf(name), slug);
    }

    void alwaysValidAndUnique()
    {
        SlugProposer proposer({QStringLiteral("acme"), QStringLiteral("tenant_a")});
        QCOMPARE(proposer.propose(QStringLiteral("Acme"), IsolationModel::Schema), QStringLiteral("acme-2"));
        QCOMPARE(proposer.propose(QStringLiteral("ACME"), IsolationModel::Schema), QStringLiteral("acme-3"));
        QCOMPARE(proposer.propose(QStringLiteral("tenant-a"), IsolationModel::Schema), QStringLiteral("tenant-a-2"));
        for (const QString& name :
             {QStringLiteral("public"), QStringLiteral("pg_toast"), QStringLiteral("information_schema"),
              QString(200, u'x'), QString(), QStringLiteral("\n\t")}) {
            const QString slug = proposer.propose(name, IsolationModel::Schema);
            QVERIFY2(TenantSpecValidator::slugProblem(slug, IsolationModel::Schema).isEmpty(),
                     qPrintable(name + QStringLiteral(" -> ") + slug));
        }
    }
};

QTEST_GUILESS_MAIN(TestSlugProposer)
#include "TestSlugProposer.moc"
