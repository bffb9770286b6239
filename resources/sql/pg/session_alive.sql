-- Whether the server process $1 still runs (OutcomeReadBack: the session that sent a lost COMMIT).
SELECT EXISTS (SELECT FROM pg_catalog.pg_stat_activity WHERE pid = $1)
