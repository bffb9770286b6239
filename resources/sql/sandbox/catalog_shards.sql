-- Shards and their endpoints from $1, a JSON array of
-- {"name", "tenant_database", "capacity", "endpoints": [{"role", "host", "port", "pooling"}]}, in array order.
WITH input AS (
    SELECT *
    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (name text, tenant_database text, capacity integer, endpoints jsonb))
         WITH ORDINALITY AS x (name, tenant_database, capacity, endpoints, position)
),
s AS (
    INSERT INTO tenantdesk.shards (name, tenant_database, capacity)
    SELECT name, tenant_database, capacity FROM input ORDER BY position
    RETURNING id, name
)
INSERT INTO tenantdesk.endpoints (shard_id, role, host, port, pooling)
SELECT s.id, e.role, e.host, e.port, e.pooling
FROM input
JOIN s USING (name)
CROSS JOIN jsonb_to_recordset(input.endpoints) AS e (role text, host text, port integer, pooling text);
