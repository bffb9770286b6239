#include "ReadTable.h"
#include "ScratchTenant.h"
#include "TestFleet.h"
#include "browse/TenantReader.h"
#include "catalog/FleetRoles.h"
#include "catalog/TenantLocator.h"

#include <QFile>
#include <QTest>

// Browsing is read-only on the server, not only in the UI: the support role has SELECT only,
// sessions default to read-only transactions, and every write tried here, the obvious way and
// the sneaky ones, is refused by the server, through TenantReader and on a bare connection.
class TestSupportReadOnly : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchTenant> m_tenant;
    TenantAccess m_access;
    const QString m_marker = QStringLiteral("/tmp/tenantdesk-copy-to-program-%1")
                                 .arg(QCoreApplication::applicationPid());

    static constexpr int Items = 10;

    // Every write attempt: SQL that, if the server ran it, would change the tenant's data (or
    // the server); %1 is the quoted schema.
    static QList<std::pair<const char*, QString>> attempts()
    {
        return {
            {"plain insert", QStringLiteral("INSERT INTO %1.items (id, price) VALUES (999, 1)")},
            {"update", QStringLiteral("UPDATE %1.items SET price = price + 1")},
            {"delete", QStringLiteral("DELETE FROM %1.items")},
            {"set transaction read write, then write",
             QStringLiteral("SET TRANSACTION READ WRITE; UPDATE %1.items SET price = 0")},
            {"default_transaction_read_only off, then write",
             QStringLiteral("SET default_transaction_read_only = off; UPDATE %1.items SET price = 0")},
            {"set_config on read-only, then write",
             QStringLiteral("SELECT set_config('transaction_read_only', 'off', true); UPDATE %1.items SET price = 0")},
            {"writable CTE",
             QStringLiteral("WITH gone AS (DELETE FROM %1.items RETURNING id) SELECT count(*) FROM gone")},
            {"DO block", QStringLiteral("DO $$ BEGIN UPDATE %1.items SET price = 0; END $$")},
            {"security invoker function that writes", QStringLiteral("SELECT %1.bump_prices()")},
            {"COPY TO PROGRAM",
             QStringLiteral("COPY (SELECT 1) TO PROGRAM 'touch /tmp/tenantdesk-copy-to-program-PID'")},
            {"COPY FROM", QStringLiteral("COPY %1.items FROM STDIN")},
            {"create table", QStringLiteral("CREATE TABLE %1.sneaky (id int)")},
            {"create temp table", QStringLiteral("CREATE TEMP TABLE sneaky (id int)")},
            {"truncate", QStringLiteral("TRUNCATE %1.items")},
            {"lock exclusively", QStringLiteral("LOCK TABLE %1.items IN EXCLUSIVE MODE")},
            {"nextval", QStringLiteral("SELECT nextval('%1.counter')")},
            {"become the owner", QStringLiteral("SET ROLE tenantdesk_owner; UPDATE %1.items SET price = 0")},
            {"lift the role's default",
             QStringLiteral("ALTER ROLE tenantdesk_support SET default_transaction_read_only = off")},
            {"grant itself more", QStringLiteral("GRANT UPDATE ON %1.items TO tenantdesk_support")},
        };
    }

    // Runs sql on c and expects the server to refuse it.
    static void expectRefused(PgConnection& c, const char* what, const QString& sql, const std::function<void()>& run)
    {
        try {
            run();
            QFAIL(qPrintable(QStringLiteral("%1 was not refused: %2").arg(QLatin1String(what), sql)));
        } catch (const PgError& e) {
            // Insufficient privilege, read-only transaction, or a transaction-state refusal
            // (read-write mode cannot be switched on once the transaction has run a query).
            const QStringList refusals{QStringLiteral("42501"), QStringLiteral("25006"), QStringLiteral("25001")};
            QVERIFY2(refusals.contains(e.sqlState()),
                     qPrintable(QStringLiteral("%1: %2 %3").arg(QLatin1String(what), e.sqlState(), e.message())));
        }
        if (c.inTransaction())
            c.execScript(QStringLiteral("ROLLBACK"));
    }

    QString statementFor(const PgConnection& c, const QString& sql) const
    {
        return QString(sql)
            .replace(QLatin1String("%1"), c.quoteIdentifier(m_tenant->schema()))
            .replace(QLatin1String("PID"), QString::number(QCoreApplication::applicationPid()));
    }

    void expectUnchanged()
    {
        PgConnection owner;
        owner.open(TestFleet::shardParams(1).withSafeDefaults());
        const QString schema = owner.quoteIdentifier(m_tenant->schema());
        QCOMPARE(owner.exec(QStringLiteral("SELECT count(*), sum(price)::text FROM %1.items").arg(schema)).text(0, 0),
                 QString::number(Items));
        QCOMPARE(owner.exec(QStringLiteral("SELECT sum(price)::text FROM %1.items").arg(schema)).text(0, 0),
                 QStringLiteral("55"));
        QCOMPARE(
            owner
                .exec(QStringLiteral("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                     "WHERE n.nspname = $1 AND c.relname = 'sneaky'"),
                      {m_tenant->schema()})
                .toInt(0, 0),
            0);
        QCOMPARE(owner.exec(QStringLiteral("SELECT last_value FROM %1.counter").arg(schema)).toInt(0, 0), 1);
        QVERIFY(!QFile::exists(m_marker));
    }

private slots:
    void initTestCase()
    {
        m_tenant = std::make_unique<ScratchTenant>(IsolationModel::Schema, QStringLiteral("readonly"));
        m_tenant->run(QStringLiteral(
            "CREATE TABLE items (id int PRIMARY KEY, price numeric NOT NULL);"
            "INSERT INTO items SELECT g, g FROM generate_series(1, 10) g;"
            "CREATE SEQUENCE counter;"
            "CREATE FUNCTION bump_prices() RETURNS void LANGUAGE sql SECURITY INVOKER SET search_path FROM CURRENT "
            "AS 'UPDATE items SET price = price + 1';"
            "GRANT EXECUTE ON FUNCTION bump_prices() TO tenantdesk_support;"
            "GRANT USAGE ON SEQUENCE counter TO PUBLIC"));
        ScratchTenant::waitForReplica();
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        m_access = TenantAccess{
            TenantLocator::locate(catalog, m_tenant->slug()),
            TenantAccess::supportParamsFrom(TestFleet::catalogParams(), FleetRoles::standard().support),
            {}};
        m_access.maxLagSeconds = -1; // on the primary, where a write could happen at all
    }

    void cleanupTestCase() { m_tenant.reset(); }

    void theRoleItselfIsReadOnly()
    {
        PgConnection c;
        c.open(TestFleet::supportParams(1).withSafeDefaults());
        QCOMPARE(c.exec(QStringLiteral("SHOW default_transaction_read_only")).text(0, 0), QStringLiteral("on"));
        const PgResult role = c.exec(QStringLiteral(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user"));
        for (int column = 0; column < 4; ++column)
            QVERIFY(!role.toBool(0, column));
    }

    void everyWriteIsRefusedOnABareSupportConnection()
    {
        // Not even TenantDesk's read-only transaction: the role and its defaults alone.
        PgConnection c;
        c.open(TestFleet::supportParams(1).withSafeDefaults());
        for (const auto& [what, sql] : attempts()) {
            const QString statement = QStringLiteral("BEGIN; ") + statementFor(c, sql);
            expectRefused(c, what, statement, [&] { c.execScript(statement); });
        }
        expectUnchanged();
    }

    void everyWriteIsRefusedInsideATenantRead()
    {
        TenantBrowser b(m_access);
        QVERIFY(b.reader.route().endpoint.isPrimary());
        for (const auto& [what, sql] : attempts()) {
            const QString statement = statementFor(b.c, sql);
            expectRefused(b.c, what, statement, [&] { b.reader.read(b.c, [&] { b.c.execScript(statement); }); });
        }
        expectUnchanged();
    }

    void readsStillWork()
    {
        TenantBrowser b(m_access);
        QCOMPARE(b.reader.read(b.c, [&] { return b.c.exec(QStringLiteral("SELECT count(*) FROM items")).toInt(0, 0); }),
                 Items);
        // Outside the tenant's read, no search_path leads to its tables.
        try {
            b.c.exec(QStringLiteral("SELECT count(*) FROM items"));
            QFAIL("the tenant's schema must not stay on the session's search_path");
        } catch (const PgError& e) {
            QCOMPARE(e.sqlState(), QStringLiteral("42P01"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSupportReadOnly)
#include "TestSupportReadOnly.moc"
