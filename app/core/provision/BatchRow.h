#pragma once

#include "provision/JobState.h"
#include "provision/TenantSpec.h"

#include <QString>

// One line of a batch of tenants to create (BatchCsv), and how its creation went. A plain value:
// BatchProvisioner's workers report copies of it to whoever shows the progress.
struct BatchRow {
    int line = 0; // in the CSV file, for messages
    TenantSpec spec;
    QString inputError; // the line is not a tenant that could be created: reported, never sent, never retried
    JobState state = JobState::Pending;
    QString message;
    double ms = 0; // how long its provisioning took

    bool isDone() const { return state == JobState::Done || state == JobState::Skipped; }
    // "created" for a done row, else jobStateName().
    static QString stateName(JobState state) { return jobStateName(state, QLatin1StringView("created")); }
};
