#include "fleetadmin/FleetEditor.h"
#include "base/InputError.h"

#include "catalog/CatalogGate.h"
#include "catalog/CatalogMigrator.h"
#include "catalog/FleetRoles.h"
#include "fleetadmin/FleetAudit.h"
#include "fleetadmin/FleetInput.h"
#include "pg/OutcomeReadBack.h"
#include "pg/PgConnection.h"
#include "pg/SqlResource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

constexpr int FleetVersion = 6; // fleet_roles, endpoints.pooling (5), shards.app_roles (6)

QString sql(const char* file)
{
    return SqlResource::text(QStringLiteral("fleetadmin/") + QLatin1String(file));
}

QJsonObject toJson(const ShardSpec& shard)
{
    return {
        {QStringLiteral("name"), shard.name},
        {QStringLiteral("tenant_database"), shard.tenantDatabase},
        {QStringLiteral("capacity"), shard.capacity},
        {QStringLiteral("app_roles"),
         shard.appRoles ? QJsonValue(QJsonArray::fromStringList(*shard.appRoles)) : QJsonValue()},
        {QStringLiteral("tenant_owner"), shard.tenantOwner.isEmpty() ? QJsonValue() : QJsonValue(shard.tenantOwner)}};
}

// A shard's own application roles as the parameter shard_insert.sql and shard_update.sql take.
QVariant appRolesParam(const ShardSpec& shard)
{
    if (!shard.appRoles)
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(*shard.appRoles)).toJson(QJsonDocument::Compact));
}

QJsonObject toJson(const EndpointSpec& endpoint)
{
    return {{QStringLiteral("role"), endpoint.role},
            {QStringLiteral("host"), endpoint.host},
            {QStringLiteral("port"), endpoint.port},
            {QStringLiteral("max_lag_seconds"), endpoint.maxLagSeconds},
            {QStringLiteral("pooling"), endpoint.pooling}};
}

PgParams params(const EndpointSpec& endpoint)
{
    return {endpoint.role, endpoint.host, endpoint.port, endpoint.maxLagSeconds, endpoint.pooling};
}

QVariant tenantOwnerParam(const ShardSpec& shard)
{
    return shard.tenantOwner.isEmpty() ? QVariant() : QVariant(shard.tenantOwner);
}

// The catalog's unique indexes, as what the admin should do about them; any other error as it is.
[[noreturn]] void rethrowExplained(const PgError& error)
{
    if (error.sqlState() != QLatin1String("23505"))
        throw error;
    const QString& message = error.message();
    if (message.contains(QLatin1String("endpoints_one_primary")))
        throw InputError(QStringLiteral("The shard already has a primary: a shard has one. Make that one a "
                                        "replica, or remove it, first."));
    if (message.contains(QLatin1String("endpoints_shard_id_host_port_key")))
        throw InputError(QStringLiteral("The shard already has an endpoint at that host and port: edit it "
                                        "instead."));
    if (message.contains(QLatin1String("shards_name_key")))
        throw InputError(QStringLiteral("A shard of that name exists: choose another name."));
    throw error;
}

} // namespace

template <typename Fn>
auto FleetEditor::change(Fn&& fn)
{
    requireWritable();
    if constexpr (std::is_void_v<decltype(fn())>) {
        try {
            m_catalog.transaction(fn);
        } catch (const PgError& e) {
            readBackOrRethrow(e);
        }
    } else {
        decltype(fn()) result{};
        try {
            m_catalog.transaction([&] { result = fn(); });
        } catch (const PgError& e) {
            readBackOrRethrow(e);
        }
        return result;
    }
}

void FleetEditor::readBackOrRethrow(const PgError& error)
{
    if (error.kind() != PgError::Kind::UnknownOutcome)
        rethrowExplained(error);
    bool committed = false;
    try {
        committed = OutcomeReadBack::committed(m_catalog);
    } catch (const Failure& e) {
        throw PgError(PgError::Kind::UnknownOutcome,
                      QStringLiteral("Whether the change took effect is unknown (%1), and it could not be read back "
                                     "(%2). `tenantctl shards list` shows the fleet as the catalog has it; running "
                                     "the change again is safe (what exists already is refused, never doubled).")
                          .arg(error.message(), e.message()));
    }
    if (!committed)
        throw PgError(PgError::Kind::Connection,
                      QStringLiteral("The change was not made: the connection was lost at the COMMIT (%1), and read "
                                     "back, the catalog did not commit it. Run it again.")
                          .arg(error.message()));
}

void FleetEditor::requireWritable()
{
    CatalogGate::require(m_catalog, CatalogGate::Access::Write);
    if (const int version = CatalogMigrator::currentVersion(m_catalog); version < FleetVersion)
        throw InputError(QStringLiteral("The catalog is at version %1; editing the fleet needs version %2. "
                                        "Upgrade it first: tenantctl catalog migrate")
                             .arg(version)
                             .arg(FleetVersion));
}

FleetEditor::LockedShard FleetEditor::lock(const QString& name)
{
    const PgResult r = m_catalog.exec(sql("shard_lock.sql"), {name});
    if (r.rows() == 0)
        throw InputError(QStringLiteral("There is no shard \"%1\".").arg(name));
    return {int(r.toInt(0, 0)), shardStateAt(r, 0, 1), r.toInt(0, 2), r.toInt(0, 3), r.text(0, 4)};
}

int FleetEditor::addShard(const ShardSpec& shard, const QString& reason)
{
    return change([&] {
        FleetInput::checkShard(shard, FleetRoles::load(m_catalog));
        const int id = int(m_catalog
                               .exec(sql("shard_insert.sql"), {shard.name, shard.tenantDatabase, shard.capacity,
                                                               appRolesParam(shard), tenantOwnerParam(shard)})
                               .toInt(0, 0));
        QJsonObject details = toJson(shard);
        details.insert(QStringLiteral("shard_id"), id);
        FleetAudit::write(m_catalog, QStringLiteral("shard.add"), reason, details);
        return id;
    });
}

void FleetEditor::editShard(const QString& name, const ShardSpec& shard, const QString& reason)
{
    change([&] {
        FleetInput::checkShard(shard, FleetRoles::load(m_catalog));
        const LockedShard locked = lock(name);
        if (shard.tenantDatabase != locked.tenantDatabase && locked.tenantsInDatabase > 0)
            throw InputError(
                QStringLiteral("Shard %1 holds %2 live schema or shared-table tenants in its tenant database \"%3\": "
                               "it cannot change while they are there. Move or archive them first.")
                    .arg(name)
                    .arg(locked.tenantsInDatabase)
                    .arg(locked.tenantDatabase));
        m_catalog.exec(sql("shard_update.sql"), {locked.id, shard.name, shard.tenantDatabase, shard.capacity,
                                                 appRolesParam(shard), tenantOwnerParam(shard)});
        QJsonObject details = toJson(shard);
        details.insert(QStringLiteral("shard_id"), locked.id);
        details.insert(QStringLiteral("was"), name);
        FleetAudit::write(m_catalog, QStringLiteral("shard.edit"), reason, details);
    });
}

void FleetEditor::setDraining(const QString& name, bool draining, const QString& reason)
{
    change([&] {
        const LockedShard locked = lock(name);
        if (locked.state == ShardState::Retired)
            throw InputError(QStringLiteral("Shard %1 is retired.").arg(name));
        const ShardState state = draining ? ShardState::Draining : ShardState::Active;
        m_catalog.exec(sql("shard_state.sql"), {locked.id, toString(state)});
        FleetAudit::write(m_catalog, draining ? QStringLiteral("shard.drain") : QStringLiteral("shard.activate"),
                          reason, {{QStringLiteral("shard_id"), locked.id}, {QStringLiteral("name"), name}});
    });
}

void FleetEditor::retire(const QString& name, const QString& reason)
{
    change([&] {
        const LockedShard locked = lock(name);
        if (locked.liveTenants > 0)
            throw InputError(QStringLiteral("Shard %1 still holds %2 live tenant(s): move, archive or delete them "
                                            "before retiring it (drain it meanwhile, so no new ones land there).")
                                 .arg(name)
                                 .arg(locked.liveTenants));
        m_catalog.exec(sql("shard_state.sql"), {locked.id, toString(ShardState::Retired)});
        FleetAudit::write(m_catalog, QStringLiteral("shard.retire"), reason,
                          {{QStringLiteral("shard_id"), locked.id}, {QStringLiteral("name"), name}});
    });
}

int FleetEditor::addEndpoint(const QString& shard, const EndpointSpec& endpoint, const QString& reason)
{
    FleetInput::checkEndpoint(endpoint);
    return change([&] {
        const LockedShard locked = lock(shard);
        const int id = int(
            m_catalog.exec(sql("endpoint_insert.sql"), PgParams{locked.id} + params(endpoint)).toInt(0, 0));
        QJsonObject details = toJson(endpoint);
        details.insert(QStringLiteral("shard"), shard);
        details.insert(QStringLiteral("endpoint_id"), id);
        FleetAudit::write(m_catalog, QStringLiteral("endpoint.add"), reason, details);
        return id;
    });
}

void FleetEditor::editEndpoint(const QString& shard, int endpointId, const EndpointSpec& endpoint,
                               const QString& reason)
{
    FleetInput::checkEndpoint(endpoint);
    change([&] {
        const LockedShard locked = lock(shard);
        const PgResult r = m_catalog.exec(sql("endpoint_update.sql"),
                                          PgParams{endpointId, locked.id} + params(endpoint));
        if (r.affectedRows() == 0)
            throw InputError(QStringLiteral("Shard %1 has no endpoint %2.").arg(shard).arg(endpointId));
        QJsonObject details = toJson(endpoint);
        details.insert(QStringLiteral("shard"), shard);
        details.insert(QStringLiteral("endpoint_id"), endpointId);
        FleetAudit::write(m_catalog, QStringLiteral("endpoint.edit"), reason, details);
    });
}

void FleetEditor::removeEndpoint(const QString& shard, int endpointId, const QString& reason)
{
    change([&] {
        const LockedShard locked = lock(shard);
        const PgResult r = m_catalog.exec(sql("endpoint_delete.sql"), {endpointId, locked.id});
        if (r.rows() == 0)
            throw InputError(QStringLiteral("Shard %1 has no endpoint %2.").arg(shard).arg(endpointId));
        if (r.text(0, 0) == QLatin1String("primary") && locked.liveTenants > 0)
            throw InputError(QStringLiteral("That is the primary of shard %1, which holds %2 live tenant(s): they "
                                            "would be unreachable. Add the new primary's address by editing "
                                            "this endpoint instead.")
                                 .arg(shard)
                                 .arg(locked.liveTenants));
        FleetAudit::write(m_catalog, QStringLiteral("endpoint.remove"), reason,
                          {{QStringLiteral("shard"), shard},
                           {QStringLiteral("endpoint_id"), endpointId},
                           {QStringLiteral("role"), r.text(0, 0)}});
    });
}

void FleetEditor::setRoles(const FleetRoles& roles, const QString& reason)
{
    FleetInput::checkRoles(roles);
    change([&] {
        const QJsonArray apps = QJsonArray::fromStringList(roles.apps);
        const QString appsJson = QString::fromUtf8(QJsonDocument(apps).toJson(QJsonDocument::Compact));
        m_catalog.exec(sql("fleet_roles_update.sql"), {roles.owner, roles.admin, roles.support, appsJson});
        FleetAudit::write(m_catalog, QStringLiteral("fleet.roles"), reason,
                          {{QStringLiteral("owner_role"), roles.owner},
                           {QStringLiteral("admin_role"), roles.admin},
                           {QStringLiteral("support_role"), roles.support},
                           {QStringLiteral("app_roles"), apps}});
    });
}
