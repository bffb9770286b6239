#pragma once

#include "pg/PgConnection.h"

// What to do after PgError::Kind::UnknownOutcome, before anything is undone: find out whether the
// write whose answer was lost took effect. settle() opens the lost connection again and makes
// sure the server session that ran the write has ended (its transaction is then committed or
// rolled back, no longer in flight); after that a query on any connection reads the truth.
class OutcomeReadBack {
public:
    // How long the lost session may take to end once asked to.
    static constexpr int EndTimeoutMs = 5000;

    // Reopens connection with its own parameters; ends the session it lost (the backendPid() of
    // before) if it still runs and waits for it. Throws PgError when the server cannot be reached
    // or the old session does not end: then nothing can be read back.
    static void settle(PgConnection& connection);
};
