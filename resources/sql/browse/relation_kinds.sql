-- Relations $1 (oid[]) as the catalog has them now: schema, name, kind, and whether reading one
-- can reach nothing but its own rows (a plain table with no inheritance children or partitions
-- and no row-level security), so that browse/relation_reach.sql has nothing to look for.
SELECT c.oid, n.nspname, c.relname, c.relkind::text,
       c.relkind = 'r' AND NOT c.relhassubclass AND NOT c.relrowsecurity AS plain
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = ANY ($1::oid[])
