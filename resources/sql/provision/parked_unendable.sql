-- The roles among the fleet's roles $2 (a JSON array of names) with idle sessions on the database
-- $1 that the current role may not end (it lacks their privileges and pg_signal_backend): behind a
-- transaction-pooling PgBouncer, server connections it keeps parked there, which would keep the
-- database from being dropped (see provision/parked_sessions.sql).
SELECT DISTINCT a.usename::text
FROM pg_catalog.pg_stat_activity a
JOIN pg_catalog.pg_roles r ON r.oid = a.usesysid
WHERE a.datname = $1
  AND a.state = 'idle'
  AND a.pid <> pg_catalog.pg_backend_pid()
  AND a.usename IN (SELECT pg_catalog.jsonb_array_elements_text($2::jsonb))
  AND NOT (pg_catalog.pg_has_role(CURRENT_USER, a.usesysid, 'USAGE')
           OR (NOT r.rolsuper AND pg_catalog.pg_has_role(CURRENT_USER, 'pg_signal_backend', 'USAGE')))
ORDER BY 1
