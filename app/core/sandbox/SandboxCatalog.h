#pragma once

#include "pg/PgConnection.h"
#include "sandbox/SandboxTenant.h"

#include <QList>
#include <QString>

// Fills the sandbox's catalog, as tenantdesk_admin on its catalog database: the schema (through
// CatalogMigrator), who may read it, and the fleet's shards, endpoints, templates, tenants and domains.
class SandboxCatalog {
public:
    struct Endpoint {
        QString role; // "primary" or "replica"
        QString host;
        int port = 0;
        Pooling pooling = Pooling::None;
    };
    struct Shard {
        QString name;
        QString tenantDatabase;
        int capacity = 0; // tenants it is meant to hold
        QList<Endpoint> endpoints;
    };

    static void write(PgConnection& admin, const QList<Shard>& shards, const QList<SandboxTenant>& tenants);
    // count catalog-only tenants (bench-000001, ...) over all shards, in one statement.
    static void addBenchTenants(PgConnection& admin, int count);
};
