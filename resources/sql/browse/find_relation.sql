-- Tables, views and materialized views named $2 in schema $1, or, when $1 is NULL, in any schema
-- but the system ones (database tenants). Most specific schema first.
SELECT c.oid, n.nspname
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = $2
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND (n.nspname = $1::text
       OR ($1::text IS NULL AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'))
ORDER BY n.nspname = 'public' DESC, n.nspname
