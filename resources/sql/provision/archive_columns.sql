-- The columns of table $1.$2 that an INSERT writes, in order (not dropped, not generated), for the
-- archive of a shared-table tenant: whether it is GENERATED ALWAYS AS IDENTITY (the INSERT then
-- needs OVERRIDING SYSTEM VALUE), and the schema and name of the sequence an identity or serial
-- column draws from (moved past the restored rows), else NULL.
SELECT a.attname,
       a.attidentity = 'a' AS generated_always,
       seq.nspname AS sequence_schema,
       seq.relname AS sequence_name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid
LEFT JOIN LATERAL (
    SELECT sn.nspname, s.relname
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
    JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
    WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype IN ('a', 'i')
    LIMIT 1
) seq ON true
WHERE n.nspname = $1 AND c.relname = $2
  AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
ORDER BY a.attnum
