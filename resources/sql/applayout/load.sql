-- The application's own tenant registry on shard $1: its layout, the database of its tables and
-- the names of its tables and columns (options, a JSON object).
SELECT layout, database_name, options::text
  FROM tenantdesk.app_layouts
 WHERE shard_id = $1
