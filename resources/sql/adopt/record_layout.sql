-- Records the application's layout of shard $1: $2 layout, $3 the database of its tables, $4 the
-- names of its tables and columns (JSON), with an audit row (details $5, JSON).
WITH l AS (
    INSERT INTO tenantdesk.app_layouts (shard_id, layout, database_name, options)
    VALUES ($1, $2, $3, $4::jsonb)
    ON CONFLICT (shard_id) DO UPDATE
       SET layout = excluded.layout, database_name = excluded.database_name, options = excluded.options,
           updated_at = now()
    RETURNING shard_id
)
INSERT INTO tenantdesk.audit_log (action, details)
SELECT 'shard.app_layout', $5::jsonb FROM l
