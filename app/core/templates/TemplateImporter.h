#pragma once

#include "pg/PgConnection.h"
#include "provision/ShardConnections.h"
#include "templates/TemplateAdder.h"

#include <QStringList>

// A template version made from an existing tenant: its schema (schema tenants) or its database
// (database tenants, without TenantDesk's records) as `pg_dump --schema-only` describes it,
// rewritten by DumpedDdl so that it runs in any tenant's schema, then added as TemplateAdder
// adds any version (tried on the tenant's shard first). pg_dump rather than DDL rebuilt from
// pg_catalog here: it already knows every kind of object and the order they must be created in
// (types before tables, functions before defaults, tables before constraints, partitions), and it
// is the PostgreSQL of the shard's own version that writes it. The new version is then compared
// with the tenant: what pg_dump could not carry over is reported, not hidden.
class TemplateImporter {
public:
    struct Imported {
        TemplateAdder::Added added;
        QStringList notes; // what the admin should know: names left in function bodies, differences
    };

    TemplateImporter(PgConnection& catalog, ShardConnections& shards);

    // Throws InputError for a shared-table tenant (its tables are every such tenant's), and,
    // before running pg_dump, when the admin may not read all of the tenant's definitions, with the
    // grant that fixes it; PgError when pg_dump or the new DDL fails. Nothing is stored then.
    Imported import(const QString& slug, const QString& templateName, int version, int timeoutMs = 600 * 1000);

private:
    PgConnection& m_catalog;
    ShardConnections& m_shards;
};
