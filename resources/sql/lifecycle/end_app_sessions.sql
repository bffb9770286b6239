-- Ends the open sessions on database $1 of the application roles $2 (a JSON array of names) or of
-- their members, waiting up to $3 ms for each to go. Returns the sessions that are still there.
WITH ended AS (
    SELECT s.pid, pg_catalog.pg_terminate_backend(s.pid, $3::bigint) AS gone
    FROM pg_catalog.pg_stat_activity s
    WHERE s.datname = $1 AND s.pid <> pg_catalog.pg_backend_pid()
      AND EXISTS (SELECT FROM pg_catalog.jsonb_array_elements_text($2::jsonb) a
                  JOIN pg_catalog.pg_roles app ON app.rolname = a
                  WHERE pg_catalog.pg_has_role(s.usesysid, app.oid, 'MEMBER'))
)
SELECT pid FROM ended WHERE NOT gone ORDER BY 1
