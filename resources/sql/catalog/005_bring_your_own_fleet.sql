-- TenantDesk catalog, version 5: a fleet TenantDesk did not make.
--
-- The fleet's own role names, how an endpoint is reached (directly or through a transaction-
-- pooling PgBouncer), the application's own tenant and domain tables that TenantDesk keeps in
-- step, each tenant's id in them, and a counter that tells every console the shape of the fleet
-- changed.

-- The roles TenantDesk acts as and grants to, named by the fleet. One row per catalog.
-- app_roles: every role an application connects as; suspension must lock each of them out.
CREATE TABLE tenantdesk.fleet_roles (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    owner_role   text   NOT NULL DEFAULT 'tenantdesk_owner'   CHECK (owner_role <> '' AND octet_length(owner_role) <= 63),
    admin_role   text   NOT NULL DEFAULT 'tenantdesk_admin'   CHECK (admin_role <> '' AND octet_length(admin_role) <= 63),
    support_role text   NOT NULL DEFAULT 'tenantdesk_support' CHECK (support_role <> '' AND octet_length(support_role) <= 63),
    app_roles    text[] NOT NULL DEFAULT '{tenantdesk_app}'   CHECK (array_position(app_roles, NULL) IS NULL),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenantdesk.fleet_roles DEFAULT VALUES;

-- 'transaction': the endpoint is a PgBouncer in transaction pooling mode. Clients send no startup
-- options there, set their settings with SET LOCAL inside each transaction and keep no named
-- prepared statement beyond it.
ALTER TABLE tenantdesk.endpoints
    ADD COLUMN pooling text NOT NULL DEFAULT 'none' CHECK (pooling IN ('none', 'transaction'));

-- The application's own tenant registry on a shard (django-tenants' tenant and domain tables,
-- stancl/tenancy's tenants and domains, Apartment's tenant column), which TenantDesk writes when
-- it creates, renames, suspends or deletes a tenant there, so that the application keeps routing.
-- options names the tables and columns (keys documented in the README's catalog contract).
CREATE TABLE tenantdesk.app_layouts (
    shard_id      integer PRIMARY KEY REFERENCES tenantdesk.shards (id) ON DELETE CASCADE,
    layout        text    NOT NULL CHECK (layout IN ('plain', 'django-tenants', 'stancl', 'apartment')),
    database_name text    NOT NULL CHECK (database_name <> ''),   -- where the app's tables live
    options       jsonb   NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The tenant's id in the application's own tenant table (NULL: none, or not adopted).
ALTER TABLE tenantdesk.tenants ADD COLUMN app_tenant_id text;

-- Bumped by every change to shards, endpoints, fleet roles and app layouts, and announced on the
-- channel tenantdesk_fleet: consoles re-read the fleet's shape without a restart. A console behind
-- a pooler (no LISTEN) polls the number.
CREATE TABLE tenantdesk.fleet_generation (
    singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    generation bigint  NOT NULL DEFAULT 1,
    changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenantdesk.fleet_generation DEFAULT VALUES;

CREATE FUNCTION tenantdesk.bump_fleet_generation()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    next bigint;
BEGIN
    UPDATE tenantdesk.fleet_generation
       SET generation = generation + 1, changed_at = now()
    RETURNING generation INTO next;
    PERFORM pg_notify('tenantdesk_fleet', next::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER shards_changed AFTER INSERT OR UPDATE OR DELETE ON tenantdesk.shards
    FOR EACH STATEMENT EXECUTE FUNCTION tenantdesk.bump_fleet_generation();
CREATE TRIGGER endpoints_changed AFTER INSERT OR UPDATE OR DELETE ON tenantdesk.endpoints
    FOR EACH STATEMENT EXECUTE FUNCTION tenantdesk.bump_fleet_generation();
CREATE TRIGGER fleet_roles_changed AFTER INSERT OR UPDATE OR DELETE ON tenantdesk.fleet_roles
    FOR EACH STATEMENT EXECUTE FUNCTION tenantdesk.bump_fleet_generation();
CREATE TRIGGER app_layouts_changed AFTER INSERT OR UPDATE OR DELETE ON tenantdesk.app_layouts
    FOR EACH STATEMENT EXECUTE FUNCTION tenantdesk.bump_fleet_generation();
