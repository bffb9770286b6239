-- The roles of every sandbox server. Roles are cluster-wide, so this runs once per server, as the
-- superuser, in one transaction after set_config('sandbox.verifier_<role>', $1, true) for every
-- login role: passwords reach the server only as SCRAM verifiers, and only as bound parameters.

-- Owns every tenant schema, database and table. Nobody logs in as it; admins SET ROLE to it.
CREATE ROLE tenantdesk_owner NOLOGIN;

-- The administrator TenantDesk logs in as: creates databases and roles, provisions tenants as
-- tenantdesk_owner, reads the statistics views. Not a superuser.
CREATE ROLE tenantdesk_admin LOGIN CREATEDB CREATEROLE NOSUPERUSER NOBYPASSRLS;
GRANT tenantdesk_owner TO tenantdesk_admin WITH ADMIN OPTION;
GRANT pg_monitor TO tenantdesk_admin;

-- Support staff browsing tenant data: reads only, never past row-level security.
CREATE ROLE tenantdesk_support LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
ALTER ROLE tenantdesk_support SET default_transaction_read_only = on;

-- The SaaS application itself: reads and writes tenant rows, under row-level security.
CREATE ROLE tenantdesk_app LOGIN NOSUPERUSER NOBYPASSRLS;

-- Streaming replication of shard 1 to its replica.
CREATE ROLE replicator LOGIN REPLICATION;

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['tenantdesk_admin', 'tenantdesk_support', 'tenantdesk_app', 'replicator'] LOOP
        EXECUTE format('ALTER ROLE %I PASSWORD %L', r, current_setting('sandbox.verifier_' || r));
    END LOOP;
END
$$;
