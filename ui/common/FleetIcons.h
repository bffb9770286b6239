#pragma once

#include "fleet/FleetTreeModel.h"

#include <QIcon>

// Icons for fleet nodes and endpoint health: the desktop theme's where it has them, else the
// style's standard icons, so a bare system still shows something meaningful.
class FleetIcons {
public:
    static QIcon forNode(FleetTreeModel::NodeKind kind);
    static QIcon forHealth(HealthState health);
    static QIcon application();
    // A lock: an object whose rows a support session is not shown.
    static QIcon refused();

private:
    static QIcon makeNodeIcon(FleetTreeModel::NodeKind kind);
    static QIcon makeHealthIcon(HealthState health);
};
