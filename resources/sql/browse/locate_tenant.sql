-- Tenants whose slug is $1, or whose display name is $1 ignoring case: slug matches first.
-- Goes to tenant takes a slug or a name before trying tenantdesk.resolve() on it as a domain.
SELECT t.id, t.slug, 'slug' AS matched_by
FROM tenantdesk.tenants t
WHERE t.slug = lower($1)
UNION ALL
SELECT t.id, t.slug, 'name'
FROM tenantdesk.tenants t
WHERE lower(t.display_name) = lower($1)
ORDER BY 3 DESC, 2
LIMIT 6
