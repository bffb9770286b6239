-- The open sessions on database $1 of the application roles $2 (a JSON array of names) or of roles
-- that are members of one, and whether the current user may end each (it has the privileges of
-- the session's role, or of pg_signal_backend for a session that is not a superuser's).
SELECT s.pid, s.usename::text,
       pg_catalog.pg_has_role(current_user, s.usesysid, 'USAGE')
           OR (NOT r.rolsuper AND pg_catalog.pg_has_role(current_user, 'pg_signal_backend', 'USAGE'))
FROM pg_catalog.pg_stat_activity s
JOIN pg_catalog.pg_roles r ON r.oid = s.usesysid
WHERE s.datname = $1 AND s.pid <> pg_catalog.pg_backend_pid()
  AND EXISTS (SELECT FROM pg_catalog.jsonb_array_elements_text($2::jsonb) a
              JOIN pg_catalog.pg_roles app ON app.rolname = a
              WHERE pg_catalog.pg_has_role(s.usesysid, app.oid, 'MEMBER'))
ORDER BY 1
