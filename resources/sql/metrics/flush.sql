-- Flushes our session's statistics (its connection and prepares) to shared memory now, so that
-- the first sample's counters already hold them and only the statements after it are ours.
SELECT pg_catalog.pg_stat_force_next_flush()
