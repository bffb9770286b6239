-- The versions of template $1 for isolation model $2, for messages that say what there is.
SELECT coalesce(string_agg(version::text, ', ' ORDER BY version), '')
FROM tenantdesk.templates
WHERE name = $1 AND isolation_model = $2
