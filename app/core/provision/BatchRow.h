#pragma once

#include "provision/TenantSpec.h"

#include <QString>

// One line of a batch of tenants to create (BatchCsv), and how its creation went. A plain value:
// BatchProvisioner's workers report copies of it to whoever shows the progress.
struct BatchRow {
    enum class State {
        Pending, // not tried yet (or cancelled before its turn: a resume tries it)
        Running,
        Created,
        Skipped, // the tenant exists already and is not failed: a resume leaves it alone
        Failed,  // bad input, or provisioning failed: a resume tries it again
        // Its outcome is unknown: an answer from the catalog or shard was lost and could not be
        // read back. Left for `tenantctl reconcile`; a resume reads the catalog again first.
        Unconfirmed
    };

    int line = 0; // in the CSV file, for messages
    TenantSpec spec;
    QString inputError; // the line is not a tenant that could be created: reported, never sent, never retried
    State state = State::Pending;
    QString message;
    double ms = 0; // how long its provisioning took

    bool isDone() const { return state == State::Created || state == State::Skipped; }
    static QString stateName(State state);
};
