-- Ends the open sessions on database $1 of the application roles $2 (a JSON array of names) or of
-- their members that the current user may end, waiting up to $3 ms for each to go. What is left
-- (app_sessions.sql) is checked afterwards: a session may also be ending by itself.
SELECT s.pid, pg_catalog.pg_terminate_backend(s.pid, $3::bigint)
FROM pg_catalog.pg_stat_activity s
JOIN pg_catalog.pg_roles r ON r.oid = s.usesysid
WHERE s.datname = $1 AND s.pid <> pg_catalog.pg_backend_pid()
  AND EXISTS (SELECT FROM pg_catalog.jsonb_array_elements_text($2::jsonb) a
              JOIN pg_catalog.pg_roles app ON app.rolname = a
              WHERE pg_catalog.pg_has_role(s.usesysid, app.oid, 'MEMBER'))
  AND (pg_catalog.pg_has_role(current_user, s.usesysid, 'USAGE')
       OR (NOT r.rolsuper AND pg_catalog.pg_has_role(current_user, 'pg_signal_backend', 'USAGE')))
