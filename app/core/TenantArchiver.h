#pragma once

#include "ManagedTenant.h"
#include "ShardConnections.h"

#include <QString>

// Writes one tenant's data to a file before it is archived or deleted:
// - schema and database tenants: pg_dump (custom format, restore with pg_restore), run through
//   QProcess with an argument list; it connects with the catalog connection's user and passfile
//   in its --dbname conninfo; a password typed at a prompt goes into a temporary 0600 passfile,
//   never into its arguments or environment;
// - shared-table tenants: pg_dump cannot filter rows, so their rows are read with a filtered
//   COPY ... TO STDOUT through libpq and written as a psql script of COPY blocks.
// The file is written under a temporary name and renamed once complete: a file with the final
// name is a whole dump.
class TenantArchiver {
public:
    struct Result {
        QString path;
        qint64 bytes = 0;
        QString method; // "pg_dump --format=custom" or "COPY of the tenant's rows"
    };

    // target: a file, or an existing directory to write <slug>-<UTC time>.dump/.sql into.
    // Throws PgError naming what failed; no file is left behind then.
    static Result dump(ShardConnections& shards, const ManagedTenant& tenant, const QString& target,
                       int timeoutMs = 3600 * 1000);

private:
    static void runPgDump(const ConnectionParams& params, const ManagedTenant& tenant, const QString& file,
                          int timeoutMs);
    static void copySharedRows(PgConnection& c, const ManagedTenant& tenant, const QString& file);
};
