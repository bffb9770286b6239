#pragma once

#include "metrics/MetricTarget.h"

class PgConnection;

// Reads from the catalog every endpoint the metrics sample, with the tenants of its shard.
namespace MetricTargetLoader {
// Blocking; throws PgError. Both reads see one snapshot of the catalog.
QList<MetricTarget> load(PgConnection& catalog);
}
