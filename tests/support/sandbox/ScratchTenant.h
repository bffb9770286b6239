#pragma once

#include "catalog/TenantEnums.h"
#include "pg/ConnectionParams.h"
#include "pg/PgConnection.h"

#include <QString>

// A tenant of its own on shard 1 of the test sandbox, for tests that create odd tables or rows
// without disturbing the seeded tenants: a catalog row (slug tdtest-<purpose>-<random>, domain
// <slug>.test.example.com) and its schema, database, or a tenant key for the shared tables,
// created by tenantdesk_admin acting as tenantdesk_owner; all removed again when it goes.
class ScratchTenant {
public:
    ScratchTenant(IsolationModel model, const QString& purpose);
    ~ScratchTenant();
    ScratchTenant(const ScratchTenant&) = delete;
    ScratchTenant& operator=(const ScratchTenant&) = delete;

    const QString& slug() const { return m_slug; }
    QString domain() const { return m_slug + QStringLiteral(".test.example.com"); }
    // Where its tables are: its schema, public of its database, or shared.
    const QString& schema() const { return m_schema; }
    // tenantdesk_admin on its database, in a transaction acting as tenantdesk_owner with search_path
    // on its schema (and app.tenant_id set for a shared tenant): runs sql, then grants SELECT on
    // everything in the schema to tenantdesk_support.
    void run(const QString& sql) const;
    // sql to run (as run() does) when the tenant goes, before it is removed: for what it made
    // outside its own schema or database, such as tables in the shared schema.
    void runWhenGone(const QString& sql) { m_whenGone = sql; }
    // Waits until the shard's replica has replayed everything written so far.
    static void waitForReplica();

private:
    ConnectionParams ownerParams() const;

    IsolationModel m_model;
    QString m_slug;
    QString m_schema;
    QString m_database;
    QString m_key;
    QString m_whenGone;
};
