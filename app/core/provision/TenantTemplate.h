#pragma once

#include "catalog/TenantEnums.h"

#include <QDateTime>
#include <QString>

// One version of a tenant template in the catalog (tenantdesk.templates), without its DDL, and how
// many tenants were made from it.
struct TenantTemplate {
    QString name;
    IsolationModel model = IsolationModel::Schema;
    int version = 0;
    QString description;
    bool upgradable = false; // has the delta from the version before
    QDateTime created;       // UTC
    qint64 tenants = 0;
};
