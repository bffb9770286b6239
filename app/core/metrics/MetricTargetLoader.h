#pragma once

#include "metrics/MetricTarget.h"

class PgConnection;

// Reads from the catalog every endpoint the metrics sample, with the tenants of its shard.
namespace MetricTargetLoader {
// Blocking; throws PgError. Every read sees one snapshot of the catalog. generation, when given,
// receives the fleet generation of that snapshot (0 before catalog v5, which has none).
QList<MetricTarget> load(PgConnection& catalog, qint64* generation = nullptr);
} // namespace MetricTargetLoader
