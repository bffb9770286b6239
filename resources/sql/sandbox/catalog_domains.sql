-- Domains from $1: a JSON array of {"slug", "host", "port" (optional), "path_prefix" (optional)}.
INSERT INTO tenantdesk.domains (tenant_id, host, port, path_prefix)
SELECT t.id, d.host, d.port, d.path_prefix
FROM jsonb_to_recordset($1::jsonb) AS d (slug text, host text, port integer, path_prefix text)
JOIN tenantdesk.tenants t ON t.slug = d.slug;
