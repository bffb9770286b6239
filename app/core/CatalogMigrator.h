#pragma once

#include "PgConnection.h"

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

    // 0 when the database holds no TenantDesk catalog. Throws PgError(Usage) when a schema named
    // tenantdesk exists without a version table (not ours, or damaged).
    static int currentVersion(PgConnection& connection);

    // Applies the missing migrations up to targetVersion in one transaction, under an advisory
    // lock so that two admins migrating at once apply each step once. Returns the version reached.
    // Refuses, writing nothing, a catalog newer than this build (PgError(Usage)).
    static int migrate(PgConnection& connection, int targetVersion = latestVersion());

    // The error for a catalog at version found, newer than this build: also raised by CatalogClient::inspect().
    static PgError newerCatalogError(int found);
};
