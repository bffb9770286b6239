-- SQLite: an endpoint's samples between two times, downsampled into buckets of equal width
-- that start at the first time, each with the average and the maximum of every figure, in
-- MetricsHistory::storedFigures order. For buckets shorter than a minute; longer ones read
-- history_load_minutes.sql. Parameters, in order: from, bucket width, endpoint, from, to (times
-- in ms); positional, as Qt binds a named one used twice only once.
SELECT (ts - ?) / ? AS bucket,
       avg(tps), max(tps),
       avg(connections), max(connections),
       avg(lock_waits), max(lock_waits),
       avg(lag_seconds), max(lag_seconds),
       avg(lag_bytes), max(lag_bytes),
       avg(cache_hit_ratio), max(cache_hit_ratio)
FROM samples
WHERE endpoint_id = ? AND ts >= ? AND ts < ?
GROUP BY bucket
ORDER BY bucket
