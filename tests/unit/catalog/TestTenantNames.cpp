#include "catalog/TenantNames.h"
#include "catalog/TenantRecord.h"

#include <QTest>

class TestTenantNames : public QObject {
    Q_OBJECT

private slots:
    void tableSchemaByModel_data()
    {
        QTest::addColumn<IsolationModel>("model");
        QTest::addColumn<QString>("schemaName");
        QTest::addColumn<QString>("expected");
        QTest::newRow("schema: its own") << IsolationModel::Schema << QStringLiteral("acme") << QStringLiteral("acme");
        QTest::newRow("schema: quotes kept")
            << IsolationModel::Schema << QStringLiteral("a\"b") << QStringLiteral("a\"b");
        QTest::newRow("database: public") << IsolationModel::Database << QString() << QStringLiteral("public");
        QTest::newRow("shared: the shared schema")
            << IsolationModel::Shared << QStringLiteral("ignored") << TenantNames::sharedSchema();
    }

    void tableSchemaByModel()
    {
        QFETCH(IsolationModel, model);
        QFETCH(QString, schemaName);
        QFETCH(QString, expected);
        QCOMPARE(TenantNames::tableSchema(model, schemaName), expected);

        // The catalog's record answers the same (the sandbox's plan does too, through the same function).
        TenantRecord record;
        record.model = model;
        record.schemaName = schemaName;
        QCOMPARE(record.tableSchema(), expected);
    }

    void namesFollowTheConvention()
    {
        QCOMPARE(TenantNames::schemaName(QStringLiteral("pied-piper")), QStringLiteral("pied_piper"));
        QCOMPARE(TenantNames::databaseName(QStringLiteral("pied-piper")), QStringLiteral("tenant_pied_piper"));
        QCOMPARE(TenantNames::identifierOfDatabase(QStringLiteral("tenant_pied_piper")), QStringLiteral("pied_piper"));
        QCOMPARE(TenantNames::identifierOfDatabase(QStringLiteral("other")), QString());
    }

    // TenantDesk's own template databases begin like tenant databases but are never tenants.
    void templateDatabasesAreNoTenants()
    {
        for (const QString& name :
             {TenantNames::templateDatabase(QStringLiteral("erp"), 1),
              TenantNames::templateBuildDatabase(QStringLiteral("erp"), 1), QStringLiteral("tenant_template")}) {
            QVERIFY2(TenantNames::isTemplateDatabase(name), qPrintable(name));
            QCOMPARE(TenantNames::identifierOfDatabase(name), QString());
        }
        QVERIFY(!TenantNames::isTemplateDatabase(QStringLiteral("tenant_templates_inc")));
        QCOMPARE(TenantNames::identifierOfDatabase(QStringLiteral("tenant_templates_inc")),
                 QStringLiteral("templates_inc"));
    }
};

QTEST_GUILESS_MAIN(TestTenantNames)
#include "TestTenantNames.moc"
