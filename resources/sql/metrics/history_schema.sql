-- SQLite: the local metric history (MetricsHistory), kept for 24 hours: one row per sample of an
-- endpoint, and one row per endpoint and minute with the count, sum and maximum of each figure,
-- so that a day reads 1,440 rows per endpoint instead of 43,200. The figures are the charted
-- ones (MetricsHistory::storedFigures, in this order), NULL where a sample had no rate.
-- Both tables are clustered on (endpoint, time): reading a range is one sequential scan.
-- WAL with synchronous=NORMAL: a batch commit writes without waiting for the disk (losing the
-- last seconds of history in a power cut is fine), and loads do not block inserts.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS samples (
    endpoint_id      INTEGER NOT NULL,
    ts               INTEGER NOT NULL,  -- milliseconds since the epoch, UTC
    tps             REAL,
    connections     REAL,
    lock_waits      REAL,
    lag_seconds     REAL,
    lag_bytes       REAL,
    cache_hit_ratio REAL,
    PRIMARY KEY (endpoint_id, ts)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS minutes (
    endpoint_id INTEGER NOT NULL,
    minute      INTEGER NOT NULL,  -- its start, milliseconds since the epoch, UTC
    n_tps INTEGER NOT NULL, sum_tps REAL NOT NULL, max_tps REAL,
    n_connections INTEGER NOT NULL, sum_connections REAL NOT NULL, max_connections REAL,
    n_lock_waits INTEGER NOT NULL, sum_lock_waits REAL NOT NULL, max_lock_waits REAL,
    n_lag_seconds INTEGER NOT NULL, sum_lag_seconds REAL NOT NULL, max_lag_seconds REAL,
    n_lag_bytes INTEGER NOT NULL, sum_lag_bytes REAL NOT NULL, max_lag_bytes REAL,
    n_cache_hit_ratio INTEGER NOT NULL, sum_cache_hit_ratio REAL NOT NULL, max_cache_hit_ratio REAL,
    PRIMARY KEY (endpoint_id, minute)
) WITHOUT ROWID;
