-- Ends the idle sessions of the current role on the database $1, and says how many: behind a
-- transaction-pooling PgBouncer, the server connections it keeps open for TenantDesk after
-- TenantDesk closed its own, which would keep the database from being copied, renamed or dropped
-- (the server waits a few seconds for terminated sessions to go). Sessions that are doing
-- something, and other roles' sessions, are left alone.
SELECT count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(a.pid))
FROM pg_catalog.pg_stat_activity a
WHERE a.datname = $1
  AND a.usename = CURRENT_USER
  AND a.state = 'idle'
  AND a.pid <> pg_catalog.pg_backend_pid()
