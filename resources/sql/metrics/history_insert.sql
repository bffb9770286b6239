-- SQLite: one sample of an endpoint (MetricsHistory::append binds them in batches). Parameters:
-- endpoint, time (ms), then the figures in MetricsHistory::storedFigures order.
INSERT OR REPLACE INTO samples (endpoint_id, ts, tps, connections, lock_waits, lag_seconds, lag_bytes, cache_hit_ratio)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
