-- Relation $1 (oid): schema, name, kind, estimated rows (-1: never analyzed), and whether it has
-- partitions or inheritance children (whose rows repeat the parent's ctids).
SELECT n.nspname, c.relname, c.relkind, c.reltuples::float8, c.relhassubclass
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
