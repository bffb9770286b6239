#pragma once

#include "pg/ConnectionParams.h"
#include "pg/Ddl.h"
#include "pg/PgConnection.h"
#include "sandbox/SandboxTenant.h"

#include <QHash>
#include <QString>

// Writes what the sandbox's PostgreSQL servers hold: the roles on every server and, on each shard
// server, the `tenants` database with the shared tables, the `tenant_template` database and every
// tenant's online store. Connects as the superuser; tenant objects are created as tenantdesk_owner.
class SandboxSeeder {
public:
    // The roles (passwords: role -> password, sent as SCRAM verifiers) and, when the server
    // preloads it, pg_stat_statements in template1 so that every database created later has it.
    static void prepareServer(const ConnectionParams& superuser, const QHash<QString, QString>& passwords,
                              bool pgStatStatements);
    // CREATE DATABASE name OWNER owner, with options (a template to copy, IS_TEMPLATE).
    static void createDatabase(PgConnection& server, const QString& name, const QString& owner,
                               const Ddl::DatabaseOptions& options = Ddl::DatabaseOptions());

    // superuser: the superuser on the shard server, any database (the seeder picks them).
    explicit SandboxSeeder(ConnectionParams superuser);

    // The tenants database with the shared tables, and tenant_template with the store tables.
    void prepareShard();
    // An empty database owned by tenantdesk_owner: the tenant database of a catalog-only shard.
    void createEmptyDatabase(const QString& name);
    // The tenant's schema, database or shared-table rows, with its store data.
    void seed(const SandboxTenant& tenant);
    // Fresh statistics for the tenants database, so that row estimates are right from the start.
    void analyze();

private:
    ConnectionParams on(const QString& database) const;

    ConnectionParams m_superuser;
    PgConnection m_tenants; // the tenants database, from prepareShard() on
};
