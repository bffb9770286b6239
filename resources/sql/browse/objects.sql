-- The objects of a tenant: relations of schema $1 (or, when $1 is NULL, of every schema but the
-- system ones: a database tenant's own database), and its functions and procedures, leaving out
-- what extensions own. Sizes for what has storage; estimated rows from the last ANALYZE (-1: never).
SELECT c.oid, c.relkind::text AS kind, n.nspname, c.relname, ''::text AS signature,
       c.reltuples::float8,
       CASE WHEN c.relkind IN ('r', 'm', 'S', 't') THEN pg_total_relation_size(c.oid) END,
       c.relrowsecurity, c.relforcerowsecurity
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  AND (n.nspname = $1::text
       OR ($1::text IS NULL AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT p.oid, CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, n.nspname, p.proname,
       '(' || pg_get_function_identity_arguments(p.oid) || ')'
           || CASE WHEN p.prokind = 'p' THEN '' ELSE ' → ' || pg_get_function_result(p.oid) END,
       -1, NULL, false, false
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prokind IN ('f', 'p')
  AND (n.nspname = $1::text
       OR ($1::text IS NULL AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 3, 2, 4, 5
