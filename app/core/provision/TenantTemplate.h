#pragma once

#include "catalog/TenantEnums.h"

#include <QString>

// One version of a tenant template in the catalog (tenantdesk.templates), without its DDL.
struct TenantTemplate {
    QString name;
    IsolationModel model = IsolationModel::Schema;
    int version = 0;
    QString description;
    bool upgradable = false; // has the delta from the version before
};
