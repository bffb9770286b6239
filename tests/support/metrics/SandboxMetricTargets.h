#pragma once

#include "TestFleet.h"
#include "metrics/MetricTargetLoader.h"
#include "pg/ConnectionParams.h"
#include "pg/PgConnection.h"

#include <QList>

// The sandbox fleet's endpoints as the dashboard samples them: the targets its catalog lists and
// the connection parameters (the catalog's) that the samplers start from.
struct SandboxMetricTargets {
    ConnectionParams base;
    QList<MetricTarget> targets;

    static SandboxMetricTargets load()
    {
        PgConnection catalog;
        catalog.open(TestFleet::catalogParams().withSafeDefaults());
        return {catalog.params(), MetricTargetLoader::load(catalog)};
    }
};
