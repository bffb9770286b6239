-- Which of the application roles $3 (a JSON array of names; roles that do not exist on this server
-- reach nothing) can still reach schema $1 (USAGE, in this database) or database $2 (CONNECT), by
-- any way the server knows: a grant to it, to PUBLIC or to a role it is a member of, ownership, or
-- being a superuser.
SELECT r.rolname::text,
       CASE WHEN r.rolsuper THEN 'is a superuser'
            WHEN $1::text IS NOT NULL THEN 'may use the schema ' || pg_catalog.quote_ident($1)
            ELSE 'may connect to the database ' || pg_catalog.quote_ident($2) END
FROM pg_catalog.jsonb_array_elements_text($3::jsonb) a
JOIN pg_catalog.pg_roles r ON r.rolname = a
WHERE ($1::text IS NOT NULL AND EXISTS (
           SELECT FROM pg_catalog.pg_namespace n
           WHERE n.nspname = $1 AND pg_catalog.has_schema_privilege(r.oid, n.oid, 'USAGE')))
   OR ($2::text IS NOT NULL AND EXISTS (
           SELECT FROM pg_catalog.pg_database d
           WHERE d.datname = $2 AND pg_catalog.has_database_privilege(r.oid, d.oid, 'CONNECT')))
ORDER BY 1
