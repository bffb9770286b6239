#pragma once

#include "fleetadmin/FleetShard.h"
#include "fleetadmin/ShardCheck.h"

#include <QHash>
#include <QStringList>

class PgConnection;
class ShardChecker;

// The tenants of a shard by the names the catalog records (active or suspended): what the checks
// beyond the roles look at.
struct ShardTenantObjects {
    QStringList schemas;   // schema tenants', in the shard's tenant database
    QStringList databases; // database tenants'

    static ShardTenantObjects load(PgConnection& catalog, int shardId);
};

// What adopt, browse, suspension and template import need of the objects already on a shard, as
// an adopted fleet has them (owned by the application's roles, not TenantDesk's owner role):
// - the admin role acts for every role owning them (GRANT <app> TO <admin>): adopt reads the
//   application's tenant tables, suspension revokes on the tenants, an import reads them;
// - the support role reads every tenant: USAGE on its schema (CONNECT on its database), SELECT on
//   its tables and views, and default privileges so that the tables the owning role makes later
//   are readable too. Only the owning role (or a superuser) may grant those, so `shards prepare`
//   runs them as the admin once it acts for that role, and the fix names who must otherwise.
// A tenant database the admin cannot enter is a failed check, not an error.
class TenantReachCheck {
public:
    TenantReachCheck(const ShardChecker& checker, const FleetEndpoint& primary, const FleetRoles& roles)
        : m_checker(checker)
        , m_primary(primary)
        , m_roles(roles)
    {
    }

    // admin: the admin role on the primary, in the shard's tenant database (or, when that is
    // missing, another: then only the database tenants are looked at).
    // First: whether the admin acts for the roles owning objects here; their fixes go before the
    // grants that need them (the database's, the support role's).
    QList<ShardCheckItem> owners(PgConnection& admin, const ShardTenantObjects& tenants);
    // Then: whether support reads every tenant.
    QList<ShardCheckItem> supportReach(PgConnection& admin, const FleetShard& shard, const ShardTenantObjects& tenants);

private:
    // The schemas of database (all of a database tenant's when schemas is empty) that support
    // may not read, one check per owning role; label names the tenants ("the tenant schemas").
    void checkSchemas(PgConnection& c, const QStringList& schemas, const QString& label, const QStringList& leading);
    void checkDatabase(PgConnection& admin, const QString& database);
    void addReach(const QString& what, const QString& detail, const QStringList& statements, const QString& owner,
                  const QString& database);
    // Whether the admin role may act for role (a member that inherits): known for the roles
    // owning objects here; TenantDesk's own roles are checked elsewhere.
    bool adminActsFor(const QString& role) const { return m_actsFor.value(role, true); }

    const ShardChecker& m_checker;
    const FleetEndpoint& m_primary;
    const FleetRoles& m_roles;
    QHash<QString, bool> m_actsFor;
    QList<ShardCheckItem> m_items;
};
