-- The suspension guard of the shared tables: on every table of schema shared under row-level
-- security, a restrictive policy for the application role that hides and refuses the rows of a
-- tenant on the deny list (tenantdesk_shard.suspended_tenants). Restrictive policies are ANDed
-- with the template's own tenant_isolation policy, which stays as it is; support staff, who read
-- suspended tenants too, are not bound by it. The sub-select names no column of the row, so it
-- runs once per statement (an InitPlan), not once per row. Run as tenantdesk_owner. Idempotent.
DO $guard$
DECLARE
    t regclass;
    unguarded CONSTANT text := $q$
        SELECT c.oid::regclass
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'shared' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
          AND NOT EXISTS (SELECT FROM pg_catalog.pg_policy p
                          WHERE p.polrelid = c.oid AND p.polname = 'tenantdesk_not_suspended')$q$;
BEGIN
    EXECUTE unguarded || ' LIMIT 1' INTO t;
    IF t IS NULL THEN
        RETURN;
    END IF;
    -- Two sessions guarding the same new table at once would collide ("tuple concurrently
    -- updated"): one at a time (the lock of shard_ledger.sql), each looking again once it has it.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('tenantdesk shard setup'));
    FOR t IN EXECUTE unguarded
    LOOP
        EXECUTE pg_catalog.format(
            'CREATE POLICY tenantdesk_not_suspended ON %s AS RESTRICTIVE TO tenantdesk_app USING (NOT EXISTS ('
            'SELECT FROM tenantdesk_shard.suspended_tenants s WHERE s.tenant_key = '
            'nullif(pg_catalog.current_setting(''app.tenant_id'', true), '''')::uuid))', t);
    END LOOP;
END
$guard$;
