#include "fleetadmin/FleetInput.h"
#include "base/InputError.h"

#include "base/CatalogInput.h"
#include "catalog/FleetRoles.h"

#include <QRegularExpression>

#include <cmath>

namespace {

constexpr int MaxNameBytes = 63; // PostgreSQL truncates longer names
constexpr int MaxHostBytes = 255;

[[noreturn]] void reject(const QString& field, const QString& problem)
{
    throw InputError(QStringLiteral("The %1 %2.").arg(field, problem));
}

void checkText(const QString& field, const QString& text, int maxBytes)
{
    if (text.trimmed().isEmpty())
        reject(field, QStringLiteral("is empty"));
    if (const QString problem = CatalogInput::problem(text); !problem.isEmpty())
        reject(field, problem);
    if (text.toUtf8().size() > maxBytes)
        reject(field, QStringLiteral("is longer than %1 bytes").arg(maxBytes));
}

// A role name as CREATE ROLE takes it: PostgreSQL reserves pg_* and a few words.
void checkRoleName(const QString& field, const QString& name)
{
    checkText(field, name, MaxNameBytes);
    static const QStringList reserved{QStringLiteral("public"), QStringLiteral("none"), QStringLiteral("current_user"),
                                      QStringLiteral("session_user"), QStringLiteral("current_role")};
    if (name.startsWith(QLatin1String("pg_")) || reserved.contains(name.toLower()))
        reject(field, QStringLiteral("\"%1\" is reserved by PostgreSQL").arg(name));
}

// The application roles of the fleet or of a shard: at least one, each once, and none of them
// TenantDesk's own (suspension would lock TenantDesk out).
void checkApps(const QStringList& apps, const FleetRoles& roles)
{
    if (apps.isEmpty())
        reject(QStringLiteral("application roles"), QStringLiteral("are missing: name at least one"));
    for (const QString& app : apps) {
        checkRoleName(QStringLiteral("application role"), app);
        if (apps.count(app) > 1)
            reject(QStringLiteral("application role"), QStringLiteral("\"%1\" is named twice").arg(app));
        if (app == roles.owner || app == roles.admin || app == roles.support)
            reject(QStringLiteral("application role"),
                   QStringLiteral("\"%1\" is also the owner, admin or support role; suspension would lock "
                                  "TenantDesk out")
                       .arg(app));
    }
}

} // namespace

void FleetInput::checkShard(const ShardSpec& shard, const FleetRoles& fleet)
{
    static const QRegularExpression name(QStringLiteral("^[a-z][a-z0-9_-]*$"));
    if (shard.name.isEmpty())
        reject(QStringLiteral("shard name"), QStringLiteral("is empty"));
    if (!name.match(shard.name).hasMatch())
        reject(QStringLiteral("shard name"),
               QStringLiteral("must start with a lower-case letter and hold only lower-case letters, digits, "
                              "'-' and '_'"));
    if (shard.name.size() > MaxNameBytes)
        reject(QStringLiteral("shard name"), QStringLiteral("is longer than %1 characters").arg(MaxNameBytes));
    checkText(QStringLiteral("tenant database"), shard.tenantDatabase, MaxNameBytes);
    if (shard.capacity <= 0)
        reject(QStringLiteral("capacity"), QStringLiteral("must be a number of tenants above 0"));
    if (shard.appRoles)
        checkApps(*shard.appRoles, fleet);
    const QStringList apps = fleet.onShard(shard.appRoles).apps;
    if (!shard.tenantOwner.isEmpty() && !apps.contains(shard.tenantOwner))
        reject(QStringLiteral("owner of new tenants"),
               QStringLiteral("\"%1\" is not one of the shard's application roles (%2): name one of them, or the "
                              "fleet's owner role")
                   .arg(shard.tenantOwner, apps.join(QLatin1String(", "))));
}

void FleetInput::checkEndpoint(const EndpointSpec& endpoint)
{
    if (endpoint.role != QLatin1String("primary") && endpoint.role != QLatin1String("replica"))
        reject(QStringLiteral("endpoint role"), QStringLiteral("must be primary or replica"));
    checkText(QStringLiteral("host"), endpoint.host, MaxHostBytes);
    if (endpoint.host != endpoint.host.trimmed())
        reject(QStringLiteral("host"), QStringLiteral("begins or ends with a space"));
    if (endpoint.port < 1 || endpoint.port > 65535)
        reject(QStringLiteral("port"), QStringLiteral("must be between 1 and 65535"));
    if (!std::isfinite(endpoint.maxLagSeconds) || endpoint.maxLagSeconds < 0)
        reject(QStringLiteral("maximum lag"), QStringLiteral("must be a number of seconds, 0 or more"));
    if (endpoint.pooling != QLatin1String("none") && endpoint.pooling != QLatin1String("transaction"))
        reject(QStringLiteral("pooling"), QStringLiteral("must be none or transaction"));
}

void FleetInput::checkRoles(const FleetRoles& roles)
{
    checkRoleName(QStringLiteral("owner role"), roles.owner);
    checkRoleName(QStringLiteral("admin role"), roles.admin);
    checkRoleName(QStringLiteral("support role"), roles.support);
    if (roles.owner == roles.admin || roles.owner == roles.support || roles.admin == roles.support)
        reject(QStringLiteral("owner, admin and support roles"), QStringLiteral("must be three different roles"));
    checkApps(roles.apps, roles);
}

std::pair<QString, int> FleetInput::parseAddress(const QString& address)
{
    const qsizetype colon = address.lastIndexOf(u':');
    bool ok = false;
    const int port = colon > 0 ? address.mid(colon + 1).toInt(&ok) : 0;
    if (!ok)
        throw InputError(QStringLiteral("The endpoint \"%1\" is not host:port.").arg(address));
    QString host = address.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    return {host, port};
}
