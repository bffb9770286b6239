#pragma once

#include "base/InputError.h"
#include "pg/PgConnection.h"

// The one check every reader and writer of the catalog passes before it touches it: is this
// database a TenantDesk catalog, and may this build use it so? A catalog newer than this build is
// read (its tables are a public contract, which later migrations only add to) but never written:
// this build cannot know what a newer one expects a write to keep. A write also needs the
// catalog version whose columns provisioning writes; an older catalog is upgraded first.
class CatalogGate {
public:
    enum class Access { Read, Write };

    // The catalog version whose columns provisioning and the tenant lifecycle write
    // (templates.upgrade_ddl, tenants.purge_after).
    static constexpr int WriteVersion = 3;

    // The catalog's version, after throwing InputError when the database holds no catalog, when
    // access is Write and the catalog is newer than this build or older than WriteVersion.
    static int require(PgConnection& connection, Access access);

    // The error for a database that holds no catalog, naming it and how to create one.
    static InputError noCatalogError(const PgConnection& connection);
    // The error for a write refused on a catalog at version found, newer than this build.
    static InputError newerCatalogError(int found);
};
