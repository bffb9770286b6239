#pragma once

#include "catalog/TenantEnums.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What an admin states about one endpoint of a shard: how to reach it and what it is.
struct EndpointSpec {
    QString role = QStringLiteral("primary"); // primary | replica
    QString host;
    int port = 5432;
    double maxLagSeconds = 5;                 // a replica further behind is not used for reads
    QString pooling = QStringLiteral("none"); // none | transaction (a transaction-pooling PgBouncer)

    bool operator==(const EndpointSpec&) const = default;
};

// What an admin states about one shard. Constructed like an aggregate; the constructor lets the
// settings that have a default be left out.
struct ShardSpec {
    ShardSpec() = default;
    ShardSpec(QString name, QString tenantDatabase, int capacity, std::optional<QStringList> appRoles = std::nullopt,
              QString tenantOwner = {})
        : name(std::move(name))
        , tenantDatabase(std::move(tenantDatabase))
        , capacity(capacity)
        , appRoles(std::move(appRoles))
        , tenantOwner(std::move(tenantOwner))
    {
    }

    QString name;
    // Holds its schema and shared-table tenants (the application's database); by default the
    // maintenance database, which every server has: enough where the tenants are databases.
    QString tenantDatabase = QStringLiteral("postgres");
    int capacity = 1000;
    // The roles the application on this shard connects as; nullopt: the fleet's (fleet roles --app).
    std::optional<QStringList> appRoles;
    // Who owns a new tenant's objects: empty, the fleet's owner role; else one of its application
    // roles (which then create and alter its tables themselves, as django-tenants' migrations do).
    QString tenantOwner;

    bool operator==(const ShardSpec&) const = default;
};

// One endpoint row as the catalog holds it.
struct FleetEndpoint {
    int id = 0;
    EndpointSpec spec;

    bool isPrimary() const { return spec.role == QLatin1String("primary"); }
    // "primary 10.0.0.5:5432"
    QString label() const;
};

// One shard row as the catalog holds it, with its endpoints (the primary first) and how many
// live tenants (any state but archived) it holds.
struct FleetShard {
    int id = 0;
    ShardSpec spec;
    ShardState state = ShardState::Active;
    qint64 liveTenants = 0;
    QList<FleetEndpoint> endpoints;

    const FleetEndpoint* primary() const;
    // The endpoint at host:port; nullptr when the shard has none there.
    const FleetEndpoint* endpointAt(const QString& host, int port) const;
};
