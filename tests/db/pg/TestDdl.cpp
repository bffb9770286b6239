#include "TestFleet.h"
#include "pg/Ddl.h"
#include "pg/LocalSettings.h"

#include <QRandomGenerator>
#include <QTest>

// The statements built from names (pg/Ddl, pg/LocalSettings) keep every name one identifier and
// every value one literal, whatever they hold: quotes, a newline, {braces}, $1, %1 and comment
// markers, all of which a template filled by replacing placeholders would turn into SQL.
// Each statement runs on the sandbox catalog server, and the server's catalog says what it did.
class TestDdl : public QObject {
    Q_OBJECT

    PgConnection m_admin; // tenantdesk_admin on the catalog database: CREATEDB, member of the owner

    // Unique per run, under PostgreSQL's 63 bytes.
    static QString hostile(const char* kind)
    {
        return QStringLiteral("td\"%1'; {schema} $1 %1 -- /* x */\n*/ %2")
            .arg(QLatin1String(kind))
            .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    }

    QString text(const QString& sql, const PgParams& params = {}) { return m_admin.exec(sql, params).text(0, 0); }

private slots:
    void initTestCase() { m_admin.open(TestFleet::catalogParams().withSafeDefaults()); }

    void schemaStatements()
    {
        const Ddl ddl(m_admin);
        const QString schema = hostile("schema");
        const QString owner = QStringLiteral("tenantdesk_owner");
        const QString support = QStringLiteral("tenantdesk_support");
        const QString privilege = QStringLiteral("SELECT pg_catalog.has_schema_privilege($1, n.oid, 'USAGE')::text "
                                                 "FROM pg_catalog.pg_namespace n WHERE n.nspname = $2");
        m_admin.rolledBack([&] {
            m_admin.execScript(ddl.createSchema(schema, owner));
            QCOMPARE(text(QStringLiteral("SELECT n.nspowner::regrole::text FROM pg_catalog.pg_namespace n "
                                         "WHERE n.nspname = $1"),
                          {schema}),
                     owner);

            m_admin.execScript(LocalSettings::searchPath(m_admin, {schema}));
            QCOMPARE(text(QStringLiteral("SELECT pg_catalog.current_schema()")), schema);
            m_admin.execScript(QStringLiteral("CREATE TABLE t (id int)"));
            m_admin.execScript(ddl.lockForReading(schema, QStringLiteral("t")));
            QCOMPARE(text(QStringLiteral("SELECT count(*) FROM ") + ddl.qualified(schema, QStringLiteral("t"))),
                     QStringLiteral("0"));

            m_admin.execScript(ddl.grant("USAGE", Ddl::On::Schema, schema, support));
            m_admin.execScript(ddl.grant("SELECT", Ddl::On::AllTablesInSchema, schema, support));
            QCOMPARE(text(privilege, {support, schema}), QStringLiteral("true"));
            QCOMPARE(text(QStringLiteral("SELECT pg_catalog.has_table_privilege($1, $2::regclass, 'SELECT')::text"),
                          {support, ddl.qualified(schema, QStringLiteral("t"))}),
                     QStringLiteral("true"));
            m_admin.execScript(ddl.revoke("USAGE", Ddl::On::Schema, schema, support));
            QCOMPARE(text(privilege, {support, schema}), QStringLiteral("false"));

            m_admin.execScript(LocalSettings::role(m_admin, owner));
            QCOMPARE(text(QStringLiteral("SELECT current_user::text")), owner);
            m_admin.execScript(LocalSettings::pinSearchPath());
            QCOMPARE(text(QStringLiteral("SELECT pg_catalog.current_setting('search_path')")),
                     QStringLiteral("pg_catalog"));
            m_admin.execScript(ddl.dropSchema(schema));
            QCOMPARE(text(QStringLiteral("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = $1"), {schema}),
                     QStringLiteral("0"));
        });
    }

    void databaseStatements()
    {
        const Ddl ddl(m_admin);
        const QString database = hostile("db");
        const QString renamed = hostile("db2");
        const QString state = QStringLiteral(
            "SELECT d.datdba::regrole::text || ' ' || d.datallowconn::text || ' ' || "
            "d.datistemplate::text FROM pg_catalog.pg_database d WHERE d.datname = $1");
        const QString connect = QStringLiteral("SELECT pg_catalog.has_database_privilege($1, $2, 'CONNECT')::text");
        m_admin.execScript(ddl.createDatabase(database, QStringLiteral("tenantdesk_owner"), {{}, false, true}));
        QCOMPARE(text(state, {database}), QStringLiteral("tenantdesk_owner false false"));
        m_admin.execScript(ddl.revokeFromPublic("CONNECT, TEMPORARY", Ddl::On::Database, database));
        QCOMPARE(text(connect, {QStringLiteral("tenantdesk_app"), database}), QStringLiteral("false"));
        m_admin.execScript(ddl.grant("CONNECT", Ddl::On::Database, database, QStringLiteral("tenantdesk_support")));
        QCOMPARE(text(connect, {QStringLiteral("tenantdesk_support"), database}), QStringLiteral("true"));
        m_admin.execScript(ddl.renameDatabase(database, renamed));
        m_admin.execScript(ddl.openDatabase(renamed));
        QCOMPARE(text(state, {renamed}), QStringLiteral("tenantdesk_owner true false"));

        const QString copy = hostile("copy");
        m_admin.execScript(ddl.createDatabase(copy, QStringLiteral("tenantdesk_owner"), {renamed, true, false}));
        QCOMPARE(text(state, {copy}), QStringLiteral("tenantdesk_owner true true"));
        m_admin.execScript(QStringLiteral("ALTER DATABASE ") + m_admin.quoteIdentifier(copy)
                           + QStringLiteral(" IS_TEMPLATE false"));
        for (const QString& name : {copy, renamed, database})
            m_admin.execScript(ddl.dropDatabase(name));
        for (const QString& name : {copy, renamed, database})
            QCOMPARE(m_admin.exec(state, {name}).rows(), 0);
    }

    // The tenant setting holds the value exactly, as a bound parameter and written in as a literal.
    void tenantSetting()
    {
        const QString value = hostile("key") + QStringLiteral("\\' \\\\ E'x'");
        const QString setting = QStringLiteral("SELECT pg_catalog.current_setting('app.tenant_id')");
        m_admin.rolledBack([&] {
            m_admin.execScript(LocalSettings::tenantScript(m_admin, value));
            QCOMPARE(text(setting), value);
            LocalSettings::setTenant(m_admin, value + u'2');
            QCOMPARE(text(setting), value + u'2');
        });
        QVERIFY(LocalSettings::tenantStatement().contains(QLatin1String("$1")));
    }

    // Inside a transaction, what rolledBack() ran is undone and the transaction goes on.
    void rolledBackInsideATransaction()
    {
        const QString setting = QStringLiteral("SELECT pg_catalog.current_setting('app.tenant_id', true)");
        m_admin.transaction([&] {
            LocalSettings::setTenant(m_admin, QStringLiteral("outer"));
            const QString inner = m_admin.rolledBack([&] {
                LocalSettings::setTenant(m_admin, QStringLiteral("inner"));
                return text(setting);
            });
            QCOMPARE(inner, QStringLiteral("inner"));
            QVERIFY(m_admin.inTransaction());
            QCOMPARE(text(setting), QStringLiteral("outer"));
        });
        QVERIFY(!m_admin.inTransaction());
    }
};

QTEST_GUILESS_MAIN(TestDdl)
#include "TestDdl.moc"
