-- The state of each tenant whose slug is in $1 (a JSON array of slugs) and exists.
SELECT t.slug, t.state
FROM tenantdesk.tenants t
WHERE t.slug IN (SELECT jsonb_array_elements_text($1::jsonb))
