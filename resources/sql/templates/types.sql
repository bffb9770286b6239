-- The types of schema $1 (NULL: of every schema but the system ones and $2, TenantDesk's records
-- in a tenant database) that a template makes: enums with their labels, domains with their base
-- type, default and checks, composite types with their attributes, ranges with their subtype;
-- leaving out what extensions own. Definitions name the type's own schema without qualification,
-- as browse/object_details.sql does, so that two scratch schemas compare equal.
SELECT n.nspname, t.typname::text,
       CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite type'
                      ELSE 'range' END,
       replace(CASE t.typtype
           WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                          FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid)
           WHEN 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod)
                         || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                         || coalesce(' DEFAULT ' || t.typdefault, '')
                         || coalesce((SELECT ' ' || string_agg(pg_catalog.pg_get_constraintdef(c.oid), ' '
                                                               ORDER BY c.conname)
                                      FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid), '')
           WHEN 'c' THEN (SELECT string_agg(quote_ident(a.attname) || ' '
                                            || pg_catalog.format_type(a.atttypid, a.atttypmod), ', '
                                            ORDER BY a.attnum)
                          FROM pg_catalog.pg_attribute a
                          WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
           ELSE (SELECT pg_catalog.format_type(r.rngsubtype, NULL)
                 FROM pg_catalog.pg_range r WHERE r.rngtypid = t.oid)
       END, quote_ident(n.nspname) || '.', '')
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype IN ('e', 'd', 'c', 'r')
  AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_catalog.pg_class k
                                   WHERE k.oid = t.typrelid AND k.relkind = 'c'))
  AND (n.nspname = $1::text
       OR ($1::text IS NULL AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
           AND n.nspname <> $2::text))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_type'::pg_catalog.regclass AND d.objid = t.oid
                    AND d.deptype = 'e')
ORDER BY 1, 2
