-- TenantDesk catalog, version 6: the application roles of each shard, and who owns its new tenants.
--
-- A fleet often runs a different application on each server (a django app on one, an ERP with a
-- database per tenant on another), each connecting as its own role, which exists only there.
-- app_roles: the roles the application on this shard connects as; TenantDesk grants them their
-- way into the shard's tenants and suspension locks each of them out. NULL: the fleet's default
-- list (tenantdesk.fleet_roles.app_roles). A change bumps the fleet generation (the shards
-- trigger of version 5), so every console follows it.
ALTER TABLE tenantdesk.shards
    ADD COLUMN app_roles text[]
        CHECK (app_roles IS NULL
               OR (cardinality(app_roles) > 0 AND array_position(app_roles, NULL) IS NULL
                   AND array_position(app_roles, '') IS NULL));

-- tenant_owner: the role that owns a new tenant's schema and every object its template makes
-- there. NULL: the fleet's owner role (tenantdesk.fleet_roles.owner_role); else one of the shard's
-- application roles, so that the application changes its tenants' tables itself (django-tenants'
-- migrate_schemas runs as the application's role).
ALTER TABLE tenantdesk.shards
    ADD COLUMN tenant_owner text CHECK (tenant_owner <> '' AND octet_length(tenant_owner) <= 63);
