#pragma once

#include "pg/PgConnection.h"

#include <QList>
#include <QString>

// Creates and upgrades the catalog schema (`tenantdesk`) from the numbered SQL files in
// resources/sql/catalog. Released migrations are never edited; a change is a new file.
class CatalogMigrator {
public:
    struct Migration {
        int version;
        QString description;
        QString resourcePath;
    };

    static const QList<Migration>& migrations();
    static int latestVersion();

    // 0 when the database holds no TenantDesk catalog. Throws InputError when a schema named
    // tenantdesk exists without a version table (not ours, or damaged).
    static int currentVersion(PgConnection& connection);

    // The version a migration found, read under its lock, and the version it left.
    struct Result {
        int from = 0;
        int to = 0;
    };

    // Applies the missing migrations up to targetVersion in one transaction, under an advisory
    // lock so that admins migrating at once apply each step once: the version is read only once
    // the lock is held, so whoever comes second finds the first one's work (from == to).
    // Refuses, writing nothing, a catalog newer than this build (InputError).
    static Result migrate(PgConnection& connection, int targetVersion = latestVersion());
};
