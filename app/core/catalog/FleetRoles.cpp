#include "catalog/FleetRoles.h"

const FleetRoles& FleetRoles::standard()
{
    static const FleetRoles roles{QStringLiteral("tenantdesk_owner"), QStringLiteral("tenantdesk_admin"),
                                  QStringLiteral("tenantdesk_support"), QStringLiteral("tenantdesk_app")};
    return roles;
}
