-- The planner's estimate of the rows that match the filter, at once: it includes row-level
-- security, so a shared tenant's estimate is its own. {relation} and {where} as in page.sql.
EXPLAIN (FORMAT JSON)
SELECT 1
FROM {relation}
WHERE {where}
