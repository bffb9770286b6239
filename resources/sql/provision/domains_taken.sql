-- Which of the routes in $1 (a JSON array of {"host", "port", "path_prefix"}) already belong to a
-- tenant other than the one whose slug is $2, and to which.
SELECT d.host || coalesce(':' || d.port, '') || coalesce(d.path_prefix, '') AS route, t.slug
FROM jsonb_to_recordset($1::jsonb) AS x (host text, port integer, path_prefix text)
JOIN tenantdesk.domains d
  ON d.host = x.host AND coalesce(d.port, 0) = coalesce(x.port, 0)
 AND coalesce(d.path_prefix, '') = coalesce(x.path_prefix, '')
JOIN tenantdesk.tenants t ON t.id = d.tenant_id
WHERE t.slug IS DISTINCT FROM $2
ORDER BY 1
