#pragma once

#include "base/OutputFile.h"
#include "provision/ManagedTenant.h"
#include "provision/ShardConnections.h"

#include <QString>

// Writes one tenant's data to a file before it is archived or deleted, and says how to restore it:
// - schema and database tenants: pg_dump (PgDump, custom format, restore with pg_restore), its
//   output streamed into the file, reaching the shard as the live shard connection did. A
//   database's extensions that only a superuser can create are left out, so that an admin can
//   restore the archive;
// - shared-table tenants: pg_dump cannot filter rows, so their rows are written as a psql script
//   (SharedRowsScript).
// The file is an OutputFile: created new and private, whole when it has its final name.
class TenantArchiver {
public:
    struct Result {
        QString path;
        qint64 bytes = 0;
        QString method; // "pg_dump --format=custom" or "INSERT statements of the tenant's rows"
        // The command that restores it, as a role that is not a superuser, for a POSIX shell.
        QString restoreCommand;
    };

    // target: a file, or an existing directory to write <slug>-<UTC time>.dump/.sql into. An
    // existing file is replaced only with Existing::Replace.
    // Throws PgError, or InputError for the file, naming what failed; no file is left behind then.
    static Result dump(ShardConnections& shards, const ManagedTenant& tenant, const QString& target,
                       OutputFile::Existing existing, int timeoutMs = 3600 * 1000);

private:
    // Returns the extensions it left out: those only a superuser can create.
    static QStringList runPgDump(PgConnection& live, const ManagedTenant& tenant, OutputFile& out, int timeoutMs);
};
