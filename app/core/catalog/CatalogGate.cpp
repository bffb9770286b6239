#include "catalog/CatalogGate.h"

#include "base/InputError.h"
#include "catalog/CatalogMigrator.h"

InputError CatalogGate::noCatalogError(const PgConnection& connection)
{
    return InputError(QStringLiteral("This database (%1 on %2:%3) holds no TenantDesk catalog. Create one with "
                                     "`tenantctl catalog migrate --init`, or connect to the database that holds it.")
                          .arg(connection.database(), connection.host(), connection.port()));
}

InputError CatalogGate::newerCatalogError(int found)
{
    return InputError(
        QStringLiteral("This catalog is at version %1, newer than this TenantDesk understands (version %2): it "
                       "may be read here, not changed. Upgrade TenantDesk; nothing was changed.")
            .arg(found)
            .arg(CatalogMigrator::latestVersion()));
}

int CatalogGate::require(PgConnection& connection, Access access)
{
    const int version = CatalogMigrator::currentVersion(connection);
    if (version == 0)
        throw noCatalogError(connection);
    if (access == Access::Read)
        return version;
    if (version > CatalogMigrator::latestVersion())
        throw newerCatalogError(version);
    if (version < WriteVersion)
        throw InputError(QStringLiteral("The catalog is at version %1; managing tenants needs version %2. Upgrade it "
                                        "with `tenantctl catalog migrate` (or accept the upgrade TenantDesk offers "
                                        "when it opens the catalog).")
                             .arg(version)
                             .arg(WriteVersion));
    return version;
}
