#pragma once

#include <QString>

// What a catalog connection reaches, from CatalogClient::inspect(): the server, the role, and
// the catalog it holds. A database without a catalog is reported by an exception instead, so a
// CatalogInfo always describes a catalog that can at least be read.
struct CatalogInfo {
    enum class Status {
        Current, // at the version this build ships
        Older,   // older: CatalogMigrator::migrate() can upgrade it (the caller may offer to)
        Newer    // newer: read-only here, every write is refused (CatalogGate)
    };

    Status status = Status::Current;
    int catalogVersion = 0;
    int latestVersion = 0; // CatalogMigrator::latestVersion() of this build

    QString serverVersion;       // "15.4"
    int serverVersionNumber = 0; // 150004
    QString user;
    QString database;
    QString host; // host name or address, or the Unix socket directory
    QString port;

    bool superuser = false;
    bool createDb = false;
    bool canWrite = false; // may change tenants: INSERT on tenantdesk.tenants, and not a Newer catalog

    qint64 shardCount = 0;
    qint64 endpointCount = 0;
    qint64 tenantCount = 0;
    qint64 domainCount = 0;
};
