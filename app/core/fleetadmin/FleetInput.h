#pragma once

#include "fleetadmin/FleetShard.h"

#include <QString>

struct FleetRoles;

// The checks what an admin types about the fleet's shape passes before anything is sent: the
// same rules as the catalog's CHECK constraints, and what the catalog cannot check (control
// characters in a host name, a role name PostgreSQL reserves). Each throws InputError with
// a message that names the field and what is wrong.
namespace FleetInput {
// fleet: the fleet's roles, which a shard's own application roles must not name.
void checkShard(const ShardSpec& shard, const FleetRoles& fleet);
void checkEndpoint(const EndpointSpec& endpoint);
void checkRoles(const FleetRoles& roles);
// "host:port" (the last colon splits, so an IPv6 address may keep its own) as host and port.
std::pair<QString, int> parseAddress(const QString& address);
} // namespace FleetInput
