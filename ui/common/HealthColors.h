#pragma once

#include "metrics/HealthState.h"

#include <QColor>

// The colour of a health state, the same wherever endpoint health is shown: the load dashboard's
// health table and the shard table and fleet tree (through FleetItemDelegate).
class HealthColors {
public:
    static QColor of(HealthState state);
};
