#pragma once

#include "base/OutputFile.h"
#include "pg/PgConnection.h"
#include "provision/ManagedTenant.h"

#include <QString>

// The rows of a shared-table tenant as a psql script that restores them as a role that is not a
// superuser. COPY FROM is refused on tables under row-level security, so the rows are INSERT
// statements (values quoted with PQescapeLiteral from their text form, which every type reads
// back), run in one transaction as the fleet's owner role with app.tenant_id set to the tenant's key, so
// that the tables' policies accept them; parents before children; then every identity or serial
// sequence is moved past the restored rows, never back. The header names the restore command.
class SharedRowsScript {
public:
    // Reads the rows on c (the shard's tenant database) in one REPEATABLE READ read-only
    // transaction as ownerRole (the fleet's) and writes the script to out. Throws PgError, or
    // InputError for the file.
    static void write(PgConnection& c, const ManagedTenant& tenant, const QString& ownerRole,
                      const QString& restoreCommand, OutputFile& out);

private:
    static void writeTable(PgConnection& c, const QString& schema, const QString& table, OutputFile& out);
};
