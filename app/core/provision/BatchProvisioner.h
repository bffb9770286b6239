#pragma once

#include "pg/CancelToken.h"
#include "pg/ConnectionParams.h"
#include "provision/BatchRow.h"

#include <QList>
#include <functional>

// Creates many tenants, a shard's worth at a time per session: the rows are placed first
// (automatic ones on the active shards with the most headroom, counting the rows already placed
// in this batch), then one worker thread per shard, each with its own catalog and shard
// connections, runs TenantProvisioner on its rows in order, so that shards are worked in
// parallel. Rows are independent: one failing never stops the others.
//
// Resumable: rows already Created or Skipped are left alone; a tenant that exists and is active
// (from an earlier, interrupted run) is Skipped; a failed one is provisioned again. A row whose
// outcome could not be read back (PgError::UnknownOutcome) is Unconfirmed, never Failed. Cancelling
// lets every worker finish the tenant it is creating (well under a second), then stops; the
// rows not reached stay Pending for a resume.
//
// Blocking: call it from a worker thread (the GUI) or tenantctl, never from the GUI thread.
class BatchProvisioner {
public:
    static constexpr int DefaultMaxSessions = 8;

    // Called whenever a row changes, from the worker threads, one call at a time.
    using RowChanged = std::function<void(int index, const BatchRow& row)>;

    // catalog: the catalog connection's parameters (with safe defaults).
    explicit BatchProvisioner(ConnectionParams catalog, int maxSessions = DefaultMaxSessions);

    // Throws PgError only when the catalog cannot be read at the start; everything after that is
    // reported per row.
    void run(QList<BatchRow>& rows, const RowChanged& changed, const CancelToken& cancel = CancelToken());

private:
    ConnectionParams m_catalog;
    int m_maxSessions;
};
