-- The tables of schema shared under row-level security (schema, table), in an order in which a
-- tenant's rows can be deleted: every table after the tables whose foreign keys reference it.
WITH RECURSIVE t AS (
    SELECT c.oid
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'shared' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
), refs AS (
    SELECT conrelid AS child, confrelid AS parent
    FROM pg_catalog.pg_constraint
    WHERE contype = 'f' AND conrelid <> confrelid
      AND conrelid IN (SELECT oid FROM t) AND confrelid IN (SELECT oid FROM t)
), depth (oid, d) AS (
    SELECT oid, 0 FROM t
    UNION ALL
    SELECT r.parent, depth.d + 1 FROM depth JOIN refs r ON r.child = depth.oid WHERE depth.d < 64
)
SELECT n.nspname, c.relname
FROM depth
JOIN pg_catalog.pg_class c ON c.oid = depth.oid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
GROUP BY n.nspname, c.relname
ORDER BY max(depth.d), c.relname
