-- TenantDesk catalog, version 4: routing reads a URL path the way a web server does.
--
-- tenantdesk.normalize_route_path('/initech/%2e%2e//wayne/./orders') is '/wayne/orders':
-- percent-encoded unreserved characters (letters, digits, '-', '.', '_', '~') decoded, other
-- escapes in upper case, runs of '/' collapsed, '.' and '..' segments resolved, never above the
-- root (RFC 3986 6.2.2 and 5.2.4). tenantdesk.resolve() matches the normalised request path
-- against the normalised path prefixes, so '/initech/../wayne' routes to wayne, as the web server
-- that serves it would. TenantDesk stores path prefixes only in normalised form.
CREATE FUNCTION tenantdesk.normalize_route_path(path text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
DECLARE
    decoded  text := '';
    pos      integer := 1;
    percent  integer;
    code     integer;
    segment  text;
    kept     text[] := '{}';
    trailing_slash boolean := false;
BEGIN
    LOOP
        percent := strpos(substr(path, pos), '%');
        EXIT WHEN percent = 0;
        decoded := decoded || substr(path, pos, percent - 1);
        pos := pos + percent - 1;
        IF substr(path, pos + 1, 2) ~ '^[0-9A-Fa-f]{2}$' THEN
            code := ('x' || substr(path, pos + 1, 2))::bit(8)::integer;
            IF code BETWEEN 48 AND 57 OR code BETWEEN 65 AND 90 OR code BETWEEN 97 AND 122
               OR code IN (45, 46, 95, 126) THEN
                decoded := decoded || chr(code);
            ELSE
                decoded := decoded || '%' || upper(substr(path, pos + 1, 2));
            END IF;
            pos := pos + 3;
        ELSE
            decoded := decoded || '%';
            pos := pos + 1;
        END IF;
    END LOOP;
    decoded := decoded || substr(path, pos);
    IF left(decoded, 1) = '/' THEN
        decoded := substr(decoded, 2);
    END IF;
    FOREACH segment IN ARRAY string_to_array(decoded, '/') LOOP
        IF segment IN ('', '.') THEN
            trailing_slash := true;
        ELSIF segment = '..' THEN
            kept := kept[1:cardinality(kept) - 1];
            trailing_slash := true;
        ELSE
            kept := kept || segment;
            trailing_slash := false;
        END IF;
    END LOOP;
    RETURN '/' || array_to_string(kept, '/') || CASE WHEN trailing_slash AND cardinality(kept) > 0 THEN '/' ELSE '' END;
END
$$;
COMMENT ON FUNCTION tenantdesk.normalize_route_path(text) IS
    'A URL path as a web server reads it: unreserved escapes decoded, // collapsed, . and .. resolved.';

-- Version 2's function with the request path and the path prefixes normalised before matching.
CREATE OR REPLACE FUNCTION tenantdesk.resolve(target text)
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
               tenantdesk.normalize_route_path(coalesce(nullif(m[3], ''), '/')) AS path
        FROM regexp_match(btrim(target), '^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?([^/:?#]+)(?::([0-9]{1,5}))?([^?#]*)') AS m
    ),
    candidates AS (
        SELECT d.*, rtrim(tenantdesk.normalize_route_path(d.path_prefix), '/') AS prefix
        FROM tenantdesk.domains d, parts p
        WHERE d.host = p.host
          AND (d.port IS NULL OR d.port = p.port)
    ),
    matches AS (
        SELECT c.*,
               CASE WHEN c.path_prefix IS NOT NULL THEN 2 + length(c.path_prefix)
                    WHEN c.port IS NOT NULL THEN 1
                    ELSE 0 END AS rank
        FROM candidates c, parts p
        WHERE c.path_prefix IS NULL
           OR p.path = c.prefix
           OR p.path LIKE replace(replace(replace(c.prefix, '\', '\\'), '%', '\%'), '_', '\_') || '/%'
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
    'Routes a host, host:port or URL to its tenant and the primary endpoint that serves it; the URL path is read as a web server reads it.';
