-- Which of the application roles $1 (a JSON array of names) read past the shared tables' row-level
-- security, whatever the deny list says: superusers and roles with BYPASSRLS.
SELECT r.rolname::text, CASE WHEN r.rolsuper THEN 'is a superuser' ELSE 'has BYPASSRLS' END
FROM pg_catalog.jsonb_array_elements_text($1::jsonb) a
JOIN pg_catalog.pg_roles r ON r.rolname = a
WHERE r.rolsuper OR r.rolbypassrls
ORDER BY 1
