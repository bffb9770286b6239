-- TenantDesk catalog, version 3: what provisioning and the tenant lifecycle record.
--
-- templates.ddl stays the whole DDL of a version (what a new tenant of that version gets);
-- upgrade_ddl is the delta that brings a tenant from version - 1 to this version (NULL: no
-- upgrade path, e.g. version 1).
ALTER TABLE tenantdesk.templates ADD COLUMN upgrade_ddl text;

-- A tenant in state 'deleting' keeps its data until purge_after (NULL: purge at once); a
-- reconcile run purges it after that.
ALTER TABLE tenantdesk.tenants ADD COLUMN purge_after timestamptz;

-- Slugs that differ only in '-' versus '_' name the same schema and database (tenant-a and
-- tenant_a are both tenant_a): provisioning looks them up by that derived identifier.
CREATE INDEX tenants_identifier ON tenantdesk.tenants (replace(slug, '-', '_'));

-- Reconcile looks for tenants stuck in a transitional state.
CREATE INDEX tenants_transitional ON tenantdesk.tenants (state, updated_at)
    WHERE state IN ('provisioning', 'deleting', 'failed');
