#pragma once

#include "provision/JobState.h"

#include <QString>

// One tenant of a template upgrade (TemplateUpgrader) and how its upgrade went (never Unconfirmed: an
// upgrade is one shard transaction, retried when in doubt). A plain value.
struct UpgradeRow {
    QString slug;
    QString shard;
    int fromVersion = 0;
    JobState state = JobState::Pending;
    QString message;

    // "upgraded" for a done row, else jobStateName().
    static QString stateName(JobState state) { return jobStateName(state, QLatin1StringView("upgraded")); }
};
