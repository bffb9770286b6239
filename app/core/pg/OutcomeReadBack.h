#pragma once

#include "pg/PgConnection.h"

// What to do after PgError::Kind::UnknownOutcome, before anything is undone: find out whether the
// write whose answer was lost took effect. settle() opens the lost connection again and makes
// sure the server session that ran the write has ended (its transaction is then committed or
// rolled back, no longer in flight); after that a query on any connection reads the truth.
//
// The lost transaction is found by its id (PgConnection::lostCommitXid(), learnt before the
// COMMIT was sent): txid_status() says whether it committed, and pg_stat_activity.backend_xid
// which server session still holds it. That works through a transaction-pooling PgBouncer as
// well, where the process id libpq knows is PgBouncer's, not the server's. A write that committed
// by itself outside a transaction (CREATE DATABASE) has no id known beforehand: its session is
// found by process id on a direct connection; through a pooler the pid is never used (it could
// name another client's session), and PgBouncer closes the server session of a client that went
// away, which ends the statement or lets it finish: the caller's own read-back then sees either.
class OutcomeReadBack {
public:
    // How long the lost session may take to end once asked to.
    static constexpr int EndTimeoutMs = 5000;

    // Reopens connection with its own parameters; ends the session it lost if it still runs and
    // waits for it. Throws PgError when the server cannot be reached or the old session does not
    // end: then nothing can be read back.
    static void settle(PgConnection& connection);

    // After commit() threw UnknownOutcome on connection: settles it, then says whether that
    // transaction committed (false also when it wrote nothing). Throws PgError when it cannot be
    // told (the server cannot be reached, the session does not end, or the transaction is too old
    // for the server to remember).
    static bool committed(PgConnection& connection);

private:
    // Waits until the transaction xid is no longer in progress, ending the session that holds it.
    static void endTransaction(PgConnection& connection, qint64 xid);
    static void endSession(PgConnection& connection, int pid);
    // "committed", "aborted" or "in progress"; empty when the server no longer knows.
    static QString status(PgConnection& connection, qint64 xid);
};
