#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class PgConnection;

// The roles of a fleet's servers that TenantDesk grants to and acts as, named by the fleet: a
// catalog of version 5 or later holds them in tenantdesk.fleet_roles; standard() are the names
// TenantDesk's own fleets (and the sandbox) use, and the defaults of that table.
struct FleetRoles {
    QString owner;    // owns tenant objects, no login
    QString admin;    // what TenantDesk logs in as
    QString support;  // read-only, bound by row-level security
    QStringList apps; // every role the SaaS application connects as; suspension locks out each
                      // (on a shard: that shard's, see onShard)

    static const FleetRoles& standard();
    // The catalog's roles; standard() on a catalog older than version 5.
    static FleetRoles load(PgConnection& catalog);
    // These roles as they are on a shard whose own application roles (tenantdesk.shards.app_roles,
    // catalog version 6) are shardApps; nullopt: the fleet's list.
    FleetRoles onShard(const std::optional<QStringList>& shardApps) const;
    // A text[] column as JSON (to_json(app_roles)::text): nullopt for SQL NULL or an empty text.
    static std::optional<QStringList> appsFromJson(const QString& json);

    // The application roles that do not exist on the server of a connection to a shard, in order.
    QStringList missingApps(PgConnection& server) const;
    // The exact ways out when missing (application roles of the shard named shard) do not exist on
    // its server: create them there, or, when the application on that shard does not connect as
    // them, name the shard's own application roles (those that exist) with tenantctl. Quoted for
    // SQL by server and for a POSIX shell.
    QString missingAppsFix(const PgConnection& server, const QString& shard, const QStringList& missing) const;
};
