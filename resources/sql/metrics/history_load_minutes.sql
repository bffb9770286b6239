-- SQLite: as history_load.sql, from the per-minute rows, for buckets of a minute or more: the
-- average of a bucket is its total over its count, so minutes of unequal counts weigh right.
-- Parameters, in order: from, bucket width, endpoint, from, to (times in ms).
SELECT (minute - ?) / ? AS bucket,
       sum(sum_tps) / nullif(sum(n_tps), 0), max(max_tps),
       sum(sum_connections) / nullif(sum(n_connections), 0), max(max_connections),
       sum(sum_lock_waits) / nullif(sum(n_lock_waits), 0), max(max_lock_waits),
       sum(sum_lag_seconds) / nullif(sum(n_lag_seconds), 0), max(max_lag_seconds),
       sum(sum_lag_bytes) / nullif(sum(n_lag_bytes), 0), max(max_lag_bytes),
       sum(sum_cache_hit_ratio) / nullif(sum(n_cache_hit_ratio), 0), max(max_cache_hit_ratio)
FROM minutes
WHERE endpoint_id = ? AND minute >= ? AND minute < ?
GROUP BY bucket
ORDER BY bucket
