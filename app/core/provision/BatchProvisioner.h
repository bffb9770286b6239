#pragma once

#include "pg/CancelToken.h"
#include "pg/ConnectionParams.h"
#include "pg/JobError.h"
#include "pg/ParallelRunner.h"
#include "provision/BatchRow.h"

#include <QList>
#include <QObject>
#include <functional>
#include <optional>

// Creates many tenants, a shard's worth at a time per session: the rows are placed first
// (automatic ones on the active shards with the most headroom, counting the rows already placed
// in this batch), then one job per shard on a ParallelRunner (at most maxSessions shards at once,
// one session per shard), each with its own catalog and shard connections, runs TenantProvisioner
// on its rows in order, so that shards are worked in parallel. Rows are independent: one failing
// never stops the others.
//
// Resumable: rows already Created or Skipped are left alone; a tenant that exists and is active
// (from an earlier, interrupted run) is Skipped; a failed one is provisioned again. A row whose
// outcome could not be read back (PgError::UnknownOutcome) is Unconfirmed, never Failed. Cancelling
// lets every job finish the tenant it is creating (well under a second), then stops; the rows not
// reached stay Pending for a resume.
//
// start() returns at once: rowChanged and finished come on this object's thread (queued from the
// jobs), which needs an event loop. run() is the blocking form for tenantctl and tests.
class BatchProvisioner : public QObject {
    Q_OBJECT
public:
    static constexpr int DefaultMaxSessions = 8;

    using RowChanged = std::function<void(int index, const BatchRow& row)>;

    // catalog: the catalog connection's parameters (with safe defaults).
    explicit BatchProvisioner(ConnectionParams catalog, int maxSessions = DefaultMaxSessions,
                              QObject* parent = nullptr);

    // Starts a run over rows (once per object). The rows as they stand: rows().
    void start(QList<BatchRow> rows, const CancelToken& cancel = CancelToken());
    const QList<BatchRow>& rows() const { return m_rows; }
    bool isRunning() const { return m_running; }

    // Runs start() in a local event loop until finished; rows get the outcome. Throws the error
    // finished() reported (the catalog could not be read at the start).
    void run(QList<BatchRow>& rows, const RowChanged& changed, const CancelToken& cancel = CancelToken());

signals:
    void rowChanged(int index, const BatchRow& row);
    // error: why the run could not start (the catalog could not be read); everything after that is
    // reported per row. Null when the run went through (or stopped on a cancel).
    void finished(const std::optional<JobError>& error);

private:
    struct Plan;

    // Runs on the runner: reads the catalog, checks and places the rows.
    static Plan plan(const ConnectionParams& params, QList<BatchRow> rows);
    void startShards(const Plan& plan);
    void update(int index, const BatchRow& row);
    void finish(std::optional<JobError> error);

    ConnectionParams m_catalog;
    ParallelRunner m_runner;
    QList<BatchRow> m_rows;
    CancelToken m_cancel;
    bool m_running = false;
};
