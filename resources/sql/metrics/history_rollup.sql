-- SQLite: one sample folded into the row of its endpoint and minute. Parameters: endpoint,
-- minute (ms), then for each figure in MetricsHistory::storedFigures order: 1 or 0 (whether it
-- has a value), the value or 0, the value or NULL.
INSERT INTO minutes (endpoint_id, minute, n_tps, sum_tps, max_tps, n_connections, sum_connections, max_connections, n_lock_waits, sum_lock_waits, max_lock_waits, n_lag_seconds, sum_lag_seconds, max_lag_seconds, n_lag_bytes, sum_lag_bytes, max_lag_bytes, n_cache_hit_ratio, sum_cache_hit_ratio, max_cache_hit_ratio)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (endpoint_id, minute) DO UPDATE SET
    n_tps = n_tps + excluded.n_tps, sum_tps = sum_tps + excluded.sum_tps,
    max_tps = coalesce(max(max_tps, excluded.max_tps), max_tps, excluded.max_tps),
    n_connections = n_connections + excluded.n_connections, sum_connections = sum_connections + excluded.sum_connections,
    max_connections = coalesce(max(max_connections, excluded.max_connections), max_connections, excluded.max_connections),
    n_lock_waits = n_lock_waits + excluded.n_lock_waits, sum_lock_waits = sum_lock_waits + excluded.sum_lock_waits,
    max_lock_waits = coalesce(max(max_lock_waits, excluded.max_lock_waits), max_lock_waits, excluded.max_lock_waits),
    n_lag_seconds = n_lag_seconds + excluded.n_lag_seconds, sum_lag_seconds = sum_lag_seconds + excluded.sum_lag_seconds,
    max_lag_seconds = coalesce(max(max_lag_seconds, excluded.max_lag_seconds), max_lag_seconds, excluded.max_lag_seconds),
    n_lag_bytes = n_lag_bytes + excluded.n_lag_bytes, sum_lag_bytes = sum_lag_bytes + excluded.sum_lag_bytes,
    max_lag_bytes = coalesce(max(max_lag_bytes, excluded.max_lag_bytes), max_lag_bytes, excluded.max_lag_bytes),
    n_cache_hit_ratio = n_cache_hit_ratio + excluded.n_cache_hit_ratio, sum_cache_hit_ratio = sum_cache_hit_ratio + excluded.sum_cache_hit_ratio,
    max_cache_hit_ratio = coalesce(max(max_cache_hit_ratio, excluded.max_cache_hit_ratio), max_cache_hit_ratio, excluded.max_cache_hit_ratio)
