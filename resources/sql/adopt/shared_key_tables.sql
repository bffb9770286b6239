-- The tables of schema shared with a tenant_id column: where shared-table tenants' rows are.
SELECT c.relname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
 WHERE n.nspname = 'shared' AND c.relkind IN ('r', 'p')
 ORDER BY 1
