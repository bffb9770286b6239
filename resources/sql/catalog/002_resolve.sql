-- TenantDesk catalog, version 2: the routing function.
-- tenantdesk.resolve('acme.example.com'), ('localhost:8443'), ('https://portal.example.com/globex/orders')
-- returns the tenant and how to reach its primary. Precedence: the longest matching path prefix on
-- the host, then host and port, then the bare host.
CREATE FUNCTION tenantdesk.resolve(target text)
RETURNS TABLE (
    tenant_id        bigint,
    slug             text,
    display_name     text,
    isolation_model  text,
    state            text,
    shard_name       text,
    host             text,
    port             integer,
    dbname           text,
    schema_name      text,
    tenant_key       uuid,
    matched_domain   text
)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
AS $$
    WITH parts AS (
        SELECT lower(m[1]) AS host,
               nullif(m[2], '')::integer AS port,
               coalesce(nullif(m[3], ''), '/') AS path
        FROM regexp_match(btrim(target), '^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?([^/:?#]+)(?::([0-9]{1,5}))?([^?#]*)') AS m
    ),
    matches AS (
        SELECT d.*,
               CASE WHEN d.path_prefix IS NOT NULL THEN 2 + length(d.path_prefix)
                    WHEN d.port IS NOT NULL THEN 1
                    ELSE 0 END AS rank
        FROM tenantdesk.domains d, parts p
        WHERE d.host = p.host
          AND (d.port IS NULL OR d.port = p.port)
          AND (d.path_prefix IS NULL
               OR p.path = d.path_prefix
               OR p.path LIKE replace(replace(replace(rtrim(d.path_prefix, '/'), '\', '\\'), '%', '\%'), '_', '\_') || '/%')
        ORDER BY rank DESC
        LIMIT 1
    )
    SELECT t.id, t.slug, t.display_name, t.isolation_model, t.state, s.name,
           e.host, e.port,
           CASE WHEN t.isolation_model = 'database' THEN t.database_name ELSE s.tenant_database END,
           t.schema_name, t.tenant_key,
           m.host || coalesce(':' || m.port, '') || coalesce(m.path_prefix, '')
    FROM matches m
    JOIN tenantdesk.tenants t ON t.id = m.tenant_id
    JOIN tenantdesk.shards s ON s.id = t.shard_id
    JOIN tenantdesk.endpoints e ON e.shard_id = s.id AND e.role = 'primary'
$$;
COMMENT ON FUNCTION tenantdesk.resolve(text) IS
    'Routes a host, host:port or URL to its tenant and the primary endpoint that serves it.';
