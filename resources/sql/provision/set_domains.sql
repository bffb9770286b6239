-- Makes the domains of tenant $1 (slug) exactly those in $2 (a JSON array of {"host", "port",
-- "path_prefix"}): removes the others, adds the missing ones, keeps the rest (and their ids), and
-- writes the audit row with the routes before and after. Returns the tenant's id.
WITH t AS (
    SELECT id, slug FROM tenantdesk.tenants WHERE slug = $1 FOR UPDATE
), wanted AS (
    SELECT x.host, x.port, x.path_prefix
    FROM jsonb_to_recordset($2::jsonb) AS x (host text, port integer, path_prefix text)
), old AS (
    SELECT coalesce(jsonb_agg(d.host || coalesce(':' || d.port, '') || coalesce(d.path_prefix, '') ORDER BY d.id), '[]') AS routes
    FROM tenantdesk.domains d JOIN t ON d.tenant_id = t.id
), gone AS (
    DELETE FROM tenantdesk.domains d USING t
    WHERE d.tenant_id = t.id
      AND NOT EXISTS (SELECT FROM wanted w
                      WHERE w.host = d.host AND coalesce(w.port, 0) = coalesce(d.port, 0)
                        AND coalesce(w.path_prefix, '') = coalesce(d.path_prefix, ''))
), added AS (
    INSERT INTO tenantdesk.domains (tenant_id, host, port, path_prefix)
    SELECT t.id, w.host, w.port, w.path_prefix
    FROM t, wanted w
    WHERE NOT EXISTS (SELECT FROM tenantdesk.domains d
                      WHERE d.tenant_id = t.id AND d.host = w.host AND coalesce(d.port, 0) = coalesce(w.port, 0)
                        AND coalesce(d.path_prefix, '') = coalesce(w.path_prefix, ''))
)
INSERT INTO tenantdesk.audit_log (action, tenant_id, slug, details)
SELECT 'tenant.domains', t.id, t.slug,
       jsonb_build_object('from', old.routes,
                          'to', (SELECT coalesce(jsonb_agg(w.host || coalesce(':' || w.port, '') || coalesce(w.path_prefix, '')), '[]')
                                 FROM wanted w))
FROM t, old
RETURNING tenant_id
