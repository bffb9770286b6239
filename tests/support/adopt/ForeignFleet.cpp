#include "ForeignFleet.h"

#include "TestFleet.h"
#include "pg/PgConnection.h"

#include <QRandomGenerator>

namespace {

// One statement on the sandbox catalog as its superuser, on a connection of its own.
PgResult onCatalog(const QString& sql, const PgParams& params = {})
{
    const SandboxState& s = TestFleet::state();
    PgConnection catalog;
    catalog.open(
        s.params(s.server(QStringLiteral("catalog")), SandboxRoles::superuser, QStringLiteral("tenantdesk_catalog"))
            .withSafeDefaults());
    return catalog.exec(sql, params);
}

ConnectionParams shardSuperuser(const QString& database)
{
    return TestFleet::shardParams(1, SandboxRoles::superuser, database).withSafeDefaults();
}

} // namespace

ForeignFleet::ForeignFleet(const QString& purpose)
    : m_suffix(QStringLiteral("%1").arg(QRandomGenerator::global()->generate() % 0xffffff, 6, 16, QLatin1Char('0')))
    , m_shard(QStringLiteral("adopt-%1-%2").arg(purpose, m_suffix))
    , m_database(QStringLiteral("tdadopt_%1_%2").arg(purpose, m_suffix))
    , m_role(QStringLiteral("app o'\"x\" -- %1").arg(m_suffix))
{
    PgConnection c;
    c.open(shardSuperuser(QStringLiteral("postgres")));
    c.execScript(QStringLiteral("CREATE ROLE ") + c.quoteIdentifier(m_role) + QStringLiteral(" LOGIN"));
    createDatabase(m_database);
    // What `shards prepare` gives TenantDesk's roles on a shard's tenant database.
    c.execScript(QStringLiteral("GRANT CREATE, CONNECT ON DATABASE ") + c.quoteIdentifier(m_database)
                 + QStringLiteral(" TO ") + c.quoteIdentifier(SandboxRoles::admin) + QStringLiteral(", ")
                 + c.quoteIdentifier(SandboxRoles::owner));
    const ConnectionParams shard = TestFleet::shardParams(1);
    onCatalog(QStringLiteral("WITH s AS (INSERT INTO tenantdesk.shards (name, tenant_database) VALUES ($1, $2) "
                             "RETURNING id) INSERT INTO tenantdesk.endpoints (shard_id, role, host, port) "
                             "SELECT id, 'primary', $3, $4 FROM s"),
              {m_shard, m_database, shard.value("host"), shard.value("port").toInt()});
}

ForeignFleet::~ForeignFleet()
{
    try {
        // The databases of tenants TenantDesk created there go too.
        const PgResult made = onCatalog(
            QStringLiteral("SELECT t.database_name FROM tenantdesk.tenants t JOIN tenantdesk.shards s ON s.id = "
                           "t.shard_id WHERE s.name = $1 AND t.database_name IS NOT NULL"),
            {m_shard});
        for (int row = 0; row < made.rows(); ++row) {
            if (!m_databases.contains(made.text(row, 0)))
                m_databases.append(made.text(row, 0));
        }
        onCatalog(QStringLiteral("DELETE FROM tenantdesk.tenants WHERE shard_id = (SELECT id FROM tenantdesk.shards "
                                 "WHERE name = $1)"),
                  {m_shard});
        onCatalog(QStringLiteral("DELETE FROM tenantdesk.shards WHERE name = $1"), {m_shard});
        PgConnection c;
        c.open(shardSuperuser(QStringLiteral("postgres")));
        for (const QString& db : std::as_const(m_databases))
            c.execScript(QStringLiteral("DROP DATABASE IF EXISTS ") + c.quoteIdentifier(db)
                         + QStringLiteral(" WITH (FORCE)"));
        c.execScript(QStringLiteral("DROP ROLE IF EXISTS ") + c.quoteIdentifier(m_role));
    } catch (const PgError& e) {
        qWarning("could not remove the foreign fleet %s: %s", qPrintable(m_shard), e.what());
    }
}

void ForeignFleet::run(const QString& database, const QString& script, bool asApp) const
{
    PgConnection c;
    c.open(shardSuperuser(database));
    c.transaction([&] {
        if (asApp)
            c.execScript(QStringLiteral("SET LOCAL ROLE ") + c.quoteIdentifier(m_role));
        c.execScript(script);
    });
}

QString ForeignFleet::value(const QString& database, const QString& sql) const
{
    PgConnection c;
    c.open(shardSuperuser(database));
    const PgResult r = c.exec(sql);
    return r.rows() > 0 ? r.text(0, 0) : QString();
}

void ForeignFleet::createDatabase(const QString& name)
{
    PgConnection c;
    c.open(shardSuperuser(QStringLiteral("postgres")));
    c.execScript(QStringLiteral("CREATE DATABASE ") + c.quoteIdentifier(name) + QStringLiteral(" OWNER ")
                 + c.quoteIdentifier(m_role));
    m_databases.prepend(name); // dropped newest first
}

void ForeignFleet::grantAppTables(const QString& database) const
{
    PgConnection c;
    c.open(shardSuperuser(database.isEmpty() ? m_database : database));
    c.execScript(QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ")
                 + c.quoteIdentifier(SandboxRoles::admin)
                 + QStringLiteral(";\nGRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ")
                 + c.quoteIdentifier(SandboxRoles::admin));
}

QString ForeignFleet::catalogObject(const QString& slug)
{
    const PgResult r = onCatalog(
        QStringLiteral("SELECT isolation_model || ':' || coalesce(schema_name, database_name, tenant_key::text) "
                       "FROM tenantdesk.tenants WHERE slug = $1"),
        {slug});
    return r.rows() > 0 ? r.text(0, 0) : QString();
}

qint64 ForeignFleet::catalogTenantCount(const QString& shard)
{
    return onCatalog(
               QStringLiteral("SELECT count(*) FROM tenantdesk.tenants t JOIN tenantdesk.shards s ON s.id = t.shard_id "
                              "WHERE s.name = $1"),
               {shard})
        .toInt(0, 0);
}

QString ForeignFleet::anyCatalogSlug()
{
    return onCatalog(QStringLiteral("SELECT slug FROM tenantdesk.tenants ORDER BY id LIMIT 1")).text(0, 0);
}

ConnectionParams ForeignFleet::catalogAdmin()
{
    return TestFleet::catalogParams().withSafeDefaults();
}
