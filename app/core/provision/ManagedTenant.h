#pragma once

#include "catalog/TenantRecord.h"

// One tenant as the lifecycle actions, reconcile and template upgrades need it: its record and how
// its lifecycle stands. Loaded by ManagedTenants; a plain value that crosses threads.
struct ManagedTenant : TenantRecord {
    bool purgeDue = true;      // state 'deleting': purgeAfter has come
    double secondsInState = 0; // since the catalog row last changed
};
