#pragma once

#include <QLatin1StringView>
#include <QString>

// How one job of a batch stands: a tenant of a batch to create (BatchRow) or of a template upgrade
// (UpgradeRow). The one job-state scale of the workers, their models, dialogs and tenantctl.
enum class JobState : quint8 {
    Pending, // not tried yet (or cancelled before its turn: a resume tries it)
    Running,
    Done,    // what the row's job does: created, upgraded
    Skipped, // nothing to do (exists already, at the version already): a resume leaves it alone
    Failed,  // bad input, or the job failed: a resume tries it again
    // Its outcome is unknown: an answer from the catalog or shard was lost and could not be read
    // back. Left for `tenantctl reconcile`; a resume reads the catalog again first.
    Unconfirmed
};

// "pending", "running", done (the row's word for it, "created"), "skipped", "failed", "unconfirmed".
QString jobStateName(JobState state, QLatin1StringView done);
