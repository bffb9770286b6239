#include "sandbox/SandboxSeeder.h"

#include "sandbox/SandboxState.h"
#include "pg/SqlResource.h"

#include <cmath>
#include <libpq-fe.h>

static const QString tenantsDatabase = QStringLiteral("tenants");
static const QString templateDatabase = QStringLiteral("tenant_template");

static QString scramVerifier(PgConnection& connection, const QString& role, const QString& password) {
    char* verifier = PQencryptPasswordConn(connection.raw(), password.toUtf8().constData(),
                                           role.toUtf8().constData(), "scram-sha-256");
    if (!verifier)
        throw PgError(PgError::Kind::Query, QString::fromUtf8(PQerrorMessage(connection.raw())).trimmed());
    QString text = QString::fromLatin1(verifier);
    PQfreemem(verifier);
    return text;
}

void SandboxSeeder::prepareServer(const ConnectionParams& superuser, const QHash<QString, QString>& passwords,
                                  bool pgStatStatements) {
    ConnectionParams onTemplate = superuser;
    onTemplate.set("dbname", QStringLiteral("template1"));
    PgConnection c;
    c.open(onTemplate);
    c.transaction([&] {
        for (auto it = passwords.constBegin(); it != passwords.constEnd(); ++it) {
            if (it.key() == SandboxRoles::superuser)
                continue; // set by initdb
            c.exec(QStringLiteral("SELECT pg_catalog.set_config('sandbox.verifier_' || $1, $2, true)"),
                   {it.key(), scramVerifier(c, it.key(), it.value())});
        }
        c.execScript(SqlResource::text(QStringLiteral("sandbox/roles.sql")));
        if (pgStatStatements)
            c.execScript(QStringLiteral("CREATE EXTENSION pg_stat_statements"));
    });
}

void SandboxSeeder::createDatabase(PgConnection& server, const QString& name, const QString& owner,
                                   const QString& options) {
    server.execScript(QStringLiteral("CREATE DATABASE %1 OWNER %2 %3")
                          .arg(server.quoteIdentifier(name), server.quoteIdentifier(owner), options));
}

SandboxSeeder::SandboxSeeder(ConnectionParams superuser)
    : m_superuser(std::move(superuser)) {}

ConnectionParams SandboxSeeder::on(const QString& database) const {
    ConnectionParams p = m_superuser;
    p.set("dbname", database);
    return p;
}

// Runs the rest of a transaction as the owner of tenant objects, with the tenant's tables first
// on search_path (schema, a tenant database's public, or shared for the shared-table tenants).
static void actAsOwnerIn(PgConnection& c, const QString& schema) {
    c.execScript(QStringLiteral("SET LOCAL ROLE ") + c.quoteIdentifier(SandboxRoles::owner));
    c.exec(QStringLiteral("SELECT pg_catalog.set_config('search_path', $1, true)"),
           {c.quoteIdentifier(schema)});
}

void SandboxSeeder::prepareShard() {
    {
        PgConnection server;
        server.open(on(QStringLiteral("postgres")));
        createDatabase(server, tenantsDatabase, SandboxRoles::owner);
        createDatabase(server, templateDatabase, SandboxRoles::owner, QStringLiteral("IS_TEMPLATE true"));
    }
    {
        // Closed before any tenant database is copied from it: a template must have no sessions.
        PgConnection t;
        t.open(on(templateDatabase));
        t.transaction([&] {
            t.execScript(SqlResource::text(QStringLiteral("sandbox/privileges.sql")));
            actAsOwnerIn(t, QStringLiteral("public"));
            t.execScript(SqlResource::text(QStringLiteral("sandbox/store.sql")));
        });
    }
    m_tenants.open(on(tenantsDatabase));
    m_tenants.transaction([&] {
        m_tenants.execScript(SqlResource::text(QStringLiteral("sandbox/privileges.sql")));
        actAsOwnerIn(m_tenants, QStringLiteral("pg_catalog"));
        m_tenants.execScript(SqlResource::text(QStringLiteral("sandbox/shared_store.sql")));
    });
}

void SandboxSeeder::createEmptyDatabase(const QString& name) {
    createDatabase(m_tenants, name, SandboxRoles::owner);
}

// The tenant's customers, items and orders, into the tables first on search_path.
static void fillStore(PgConnection& c, const SandboxTenant& t) {
    // Seeded per tenant: the same tenant gets the same data in every sandbox.
    c.exec(QStringLiteral("SELECT pg_catalog.setseed($1)"), {std::fmod(t.index * 0.6180339887, 1.0)});
    c.exec(SqlResource::text(QStringLiteral("sandbox/seed/customers.sql")), {t.customers});
    c.exec(SqlResource::text(QStringLiteral("sandbox/seed/items.sql")),
           {t.items, t.priceFactor, t.skuPrefix});
    c.exec(SqlResource::text(QStringLiteral("sandbox/seed/orders.sql")), {t.orders});
    c.exec(SqlResource::text(QStringLiteral("sandbox/seed/order_totals.sql")));
}

void SandboxSeeder::seed(const SandboxTenant& t) {
    switch (t.model) {
    case IsolationModel::Schema:
        m_tenants.transaction([&] {
            m_tenants.execScript(QStringLiteral("CREATE SCHEMA %1 AUTHORIZATION %2")
                                     .arg(m_tenants.quoteIdentifier(t.schemaName),
                                          m_tenants.quoteIdentifier(SandboxRoles::owner)));
            actAsOwnerIn(m_tenants, t.schemaName);
            m_tenants.execScript(SqlResource::text(QStringLiteral("sandbox/store.sql")));
            fillStore(m_tenants, t);
        });
        break;
    case IsolationModel::Database: {
        createDatabase(
            m_tenants, t.databaseName, SandboxRoles::owner,
            QStringLiteral("TEMPLATE %1 STRATEGY WAL_LOG").arg(m_tenants.quoteIdentifier(templateDatabase)));
        PgConnection db;
        db.open(on(t.databaseName));
        db.transaction([&] {
            actAsOwnerIn(db, t.tableSchema());
            fillStore(db, t);
        });
        db.execScript(QStringLiteral("ANALYZE"));
        break;
    }
    case IsolationModel::Shared:
        m_tenants.transaction([&] {
            actAsOwnerIn(m_tenants, t.tableSchema());
            m_tenants.exec(QStringLiteral("SELECT pg_catalog.set_config('app.tenant_id', $1, true)"),
                           {t.key.toString(QUuid::WithoutBraces)});
            fillStore(m_tenants, t);
        });
        break;
    }
}

void SandboxSeeder::analyze() {
    m_tenants.execScript(QStringLiteral("ANALYZE"));
}
