-- The suspension guard of the shared tables: on every table of schema shared under row-level
-- security, a restrictive policy for the fleet's application roles that hides and refuses the rows
-- of a tenant on the deny list (tenantdesk_shard.suspended_tenants). Restrictive policies are ANDed
-- with the template's own tenant_isolation policy, which stays as it is; support staff, who read
-- suspended tenants too, are not bound by it. The sub-select names no column of the row, so it
-- runs once per statement (an InitPlan), not once per row. Run as the owner role. Idempotent.
-- The application roles come from the setting tenantdesk.app_roles (a JSON array of names, set
-- with set_config(..., true) just before: a DO block takes no parameters); a policy whose roles
-- differ from them (the fleet's roles changed) is pointed at them again.
DO $guard$
DECLARE
    t regclass;
    exists_already boolean;
    apps CONSTANT jsonb := pg_catalog.current_setting('tenantdesk.app_roles')::jsonb;
    grantees text;
    unguarded CONSTANT text := $q$
        SELECT c.oid::regclass,
               EXISTS (SELECT FROM pg_catalog.pg_policy p
                       WHERE p.polrelid = c.oid AND p.polname = 'tenantdesk_not_suspended')
        FROM pg_catalog.pg_class c
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'shared' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
          AND NOT EXISTS (
              SELECT FROM pg_catalog.pg_policy p
              WHERE p.polrelid = c.oid AND p.polname = 'tenantdesk_not_suspended'
                AND ARRAY(SELECT o FROM pg_catalog.unnest(p.polroles) o ORDER BY 1) =
                    ARRAY(SELECT (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = a)
                          FROM pg_catalog.jsonb_array_elements_text($1) a ORDER BY 1))$q$;
BEGIN
    IF pg_catalog.jsonb_array_length(apps) = 0 THEN
        RETURN; -- no application role: nobody to keep out
    END IF;
    EXECUTE unguarded || ' LIMIT 1' INTO t USING apps;
    IF t IS NULL THEN
        RETURN;
    END IF;
    SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a), ', ') INTO grantees
    FROM pg_catalog.jsonb_array_elements_text(apps) a;
    -- Two sessions guarding the same new table at once would collide ("tuple concurrently
    -- updated"): one at a time (the lock of shard_ledger.sql), each looking again once it has it.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('tenantdesk shard setup'));
    FOR t, exists_already IN EXECUTE unguarded USING apps
    LOOP
        IF exists_already THEN
            EXECUTE pg_catalog.format('ALTER POLICY tenantdesk_not_suspended ON %s TO %s', t, grantees);
        ELSE
            EXECUTE pg_catalog.format(
                'CREATE POLICY tenantdesk_not_suspended ON %s AS RESTRICTIVE TO %s USING (NOT EXISTS ('
                'SELECT FROM tenantdesk_shard.suspended_tenants s WHERE s.tenant_key = '
                'nullif(pg_catalog.current_setting(''app.tenant_id'', true), '''')::uuid))', t, grantees);
        END IF;
    END LOOP;
END
$guard$;
