#include "sandbox/SandboxSeeder.h"

#include "pg/Ddl.h"
#include "pg/LocalSettings.h"
#include "pg/SqlResource.h"
#include "sandbox/SandboxState.h"

#include <cmath>
#include <libpq-fe.h>

static const QString tenantsDatabase = QStringLiteral("tenants");
static const QString templateDatabase = QStringLiteral("tenant_template");

static QString scramVerifier(PgConnection& connection, const QString& role, const QString& password)
{
    char* verifier = PQencryptPasswordConn(connection.raw(), password.toUtf8().constData(), role.toUtf8().constData(),
                                           "scram-sha-256");
    if (!verifier)
        throw PgError(PgError::Kind::Query, QString::fromUtf8(PQerrorMessage(connection.raw())).trimmed());
    QString text = QString::fromLatin1(verifier);
    PQfreemem(verifier);
    return text;
}

void SandboxSeeder::prepareServer(const ConnectionParams& superuser, const QHash<QString, QString>& passwords,
                                  bool pgStatStatements)
{
    ConnectionParams onTemplate = superuser;
    onTemplate.set("dbname", QStringLiteral("template1"));
    PgConnection c;
    c.open(onTemplate);
    c.transaction([&] {
        for (auto it = passwords.constBegin(); it != passwords.constEnd(); ++it) {
            if (it.key() == SandboxRoles::superuser)
                continue; // set by initdb
            c.exec(SqlResource::text("sandbox/role_verifier.sql"), {it.key(), scramVerifier(c, it.key(), it.value())});
        }
        c.execScript(SqlResource::text("sandbox/roles.sql"));
        if (pgStatStatements)
            c.execScript(SqlResource::text("sandbox/pg_stat_statements.sql"));
    });
}

void SandboxSeeder::createDatabase(PgConnection& server, const QString& name, const QString& owner,
                                   const Ddl::DatabaseOptions& options)
{
    server.execScript(Ddl(server).createDatabase(name, owner, options));
}

SandboxSeeder::SandboxSeeder(ConnectionParams superuser)
    : m_superuser(std::move(superuser))
{
}

ConnectionParams SandboxSeeder::on(const QString& database) const
{
    ConnectionParams p = m_superuser;
    p.set("dbname", database);
    return p;
}

// Runs the rest of a transaction as the owner of tenant objects, with the tenant's tables first
// on search_path (schema, a tenant database's public, or shared for the shared-table tenants).
static void actAsOwnerIn(PgConnection& c, const QString& schema)
{
    c.execScript(LocalSettings::role(c, SandboxRoles::owner) + u';' + LocalSettings::searchPath(c, {schema}));
}

void SandboxSeeder::prepareShard()
{
    {
        PgConnection server;
        server.open(on(QStringLiteral("postgres")));
        createDatabase(server, tenantsDatabase, SandboxRoles::owner);
        createDatabase(server, templateDatabase, SandboxRoles::owner, {{}, true, false});
    }
    {
        // Closed before any tenant database is copied from it: a template must have no sessions.
        PgConnection t;
        t.open(on(templateDatabase));
        t.transaction([&] {
            t.execScript(SqlResource::text("sandbox/privileges.sql"));
            actAsOwnerIn(t, QStringLiteral("public"));
            t.execScript(SqlResource::text("sandbox/store.sql"));
        });
    }
    m_tenants.open(on(tenantsDatabase));
    m_tenants.transaction([&] {
        m_tenants.execScript(SqlResource::text("sandbox/privileges.sql"));
        actAsOwnerIn(m_tenants, QStringLiteral("pg_catalog"));
        m_tenants.execScript(SqlResource::text("sandbox/shared_store.sql"));
    });
}

void SandboxSeeder::createEmptyDatabase(const QString& name)
{
    createDatabase(m_tenants, name, SandboxRoles::owner);
}

// The tenant's customers, items and orders, into the tables first on search_path.
static void fillStore(PgConnection& c, const SandboxTenant& t)
{
    // Seeded per tenant: the same tenant gets the same data in every sandbox.
    c.exec(SqlResource::text("sandbox/set_seed.sql"), {std::fmod(t.index * 0.6180339887, 1.0)});
    c.exec(SqlResource::text("sandbox/seed/customers.sql"), {t.customers});
    c.exec(SqlResource::text("sandbox/seed/items.sql"), {t.items, t.priceFactor, t.skuPrefix});
    c.exec(SqlResource::text("sandbox/seed/orders.sql"), {t.orders});
    c.exec(SqlResource::text("sandbox/seed/order_totals.sql"));
}

void SandboxSeeder::seed(const SandboxTenant& t)
{
    switch (t.model) {
    case IsolationModel::Schema:
        m_tenants.transaction([&] {
            m_tenants.execScript(Ddl(m_tenants).createSchema(t.schemaName, SandboxRoles::owner));
            actAsOwnerIn(m_tenants, t.schemaName);
            m_tenants.execScript(SqlResource::text("sandbox/store.sql"));
            fillStore(m_tenants, t);
        });
        break;
    case IsolationModel::Database: {
        createDatabase(m_tenants, t.databaseName, SandboxRoles::owner, {templateDatabase, false, false});
        PgConnection db;
        db.open(on(t.databaseName));
        db.transaction([&] {
            actAsOwnerIn(db, t.tableSchema());
            fillStore(db, t);
        });
        db.execScript(SqlResource::text("sandbox/analyze.sql"));
        break;
    }
    case IsolationModel::Shared:
        m_tenants.transaction([&] {
            actAsOwnerIn(m_tenants, t.tableSchema());
            LocalSettings::setTenant(m_tenants, t.key.toString(QUuid::WithoutBraces));
            fillStore(m_tenants, t);
        });
        break;
    }
}

void SandboxSeeder::analyze()
{
    m_tenants.execScript(SqlResource::text("sandbox/analyze.sql"));
}
