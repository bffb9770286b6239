#pragma once

#include "catalog/TenantEnums.h"

#include <QString>

// A tenant as the metrics see it: where its load shows in its shard's statistics.
struct MetricTenant {
    QString slug;
    IsolationModel model = IsolationModel::Schema;
    // Its schema (schema model) or database (database model); empty for shared-table tenants,
    // whose rows share tables with other tenants and so have no statistics of their own.
    QString objectName;
};
