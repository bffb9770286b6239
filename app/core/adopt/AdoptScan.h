#pragma once

#include "adopt/AdoptCandidate.h"
#include "applayout/AppLayout.h"
#include "catalog/ShardTarget.h"

#include <QList>
#include <QStringList>

// What a scan found on a shard: the layout it read (the one asked for, or the one `auto` found),
// every candidate, and what it noticed and left out. A plain value: it crosses threads.
struct AdoptScan {
    ShardTarget shard;
    AppLayout layout;
    QList<AdoptCandidate> candidates;
    QStringList notes;
};
