-- TenantDesk's own records in a shard database, out of the tenants' way in schema
-- tenantdesk_shard, run as the fleet's owner role (who then owns them): the template version each
-- tenant schema was made from or upgraded to (a schema tenant's schema, 'public' in a database
-- tenant, 'shared' for the shared tables), written in the same transaction as the DDL; and the
-- deny list of suspended shared-table tenants that the guard policies (shared_guard.sql) check.
-- Who may read them (the application roles the deny list, nothing else; support staff nothing)
-- follows in the same transaction: TenantGrants::ledger, with the fleet's role names.
-- Idempotent: a shard database gets it on its first provisioning.
-- One session at a time: two making or granting the same objects at once collide ("tuple
-- concurrently updated"). Held to the end of the transaction, with the suspension guard's.
SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('tenantdesk shard setup'));
CREATE SCHEMA IF NOT EXISTS tenantdesk_shard;
CREATE TABLE IF NOT EXISTS tenantdesk_shard.template_versions (
    schema_name      text        PRIMARY KEY,
    template_name    text        NOT NULL,
    template_version integer     NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS tenantdesk_shard.suspended_tenants (
    tenant_key   uuid        PRIMARY KEY,
    suspended_at timestamptz NOT NULL DEFAULT now()
);
