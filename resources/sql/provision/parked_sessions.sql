-- Ends the idle sessions on the database $1 of the current role and of the fleet's roles $2 (a
-- JSON array of names: its support and owner roles) that the current role may end, and says how
-- many: behind a transaction-pooling PgBouncer, the server connections it keeps open after their
-- clients went (TenantDesk's own, a support session's), which would keep the database from being
-- copied, renamed or dropped (the server waits a few seconds for terminated sessions to go).
-- Sessions that are doing something, the application's, and those the current role may not end
-- (provision/parked_unendable.sql names them) are left alone.
WITH parked AS (
    SELECT a.pid,
           pg_catalog.pg_has_role(CURRENT_USER, a.usesysid, 'USAGE')
               OR (NOT r.rolsuper AND pg_catalog.pg_has_role(CURRENT_USER, 'pg_signal_backend', 'USAGE')) AS endable
    FROM pg_catalog.pg_stat_activity a
    JOIN pg_catalog.pg_roles r ON r.oid = a.usesysid
    WHERE a.datname = $1
      AND a.state = 'idle'
      AND a.pid <> pg_catalog.pg_backend_pid()
      AND (a.usename = CURRENT_USER
           OR a.usename IN (SELECT pg_catalog.jsonb_array_elements_text($2::jsonb)))
)
SELECT count(*) FILTER (WHERE pg_catalog.pg_terminate_backend(p.pid))
FROM parked p
WHERE p.endable
