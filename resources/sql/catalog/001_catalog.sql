-- TenantDesk catalog, version 1: shards, endpoints, templates, tenants, domains, audit log.
-- This schema is a public contract read by application servers. Never edit a released
-- migration: add a new numbered file.
CREATE SCHEMA tenantdesk;

CREATE TABLE tenantdesk.schema_version (
    version     integer PRIMARY KEY,
    description text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now(),
    applied_by  text        NOT NULL DEFAULT current_user
);

CREATE TABLE tenantdesk.shards (
    id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL UNIQUE CHECK (name ~ '^[a-z][a-z0-9_-]*$' AND octet_length(name) <= 63),
    tenant_database text NOT NULL DEFAULT 'tenants',   -- database holding schema and shared tenants
    capacity        integer NOT NULL DEFAULT 1000 CHECK (capacity > 0),
    state           text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'draining', 'retired')),
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- How to reach a shard: its primary and its streaming replicas. No secrets here: clients bring
-- their own user, passfile or service, and TLS settings.
CREATE TABLE tenantdesk.endpoints (
    id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shard_id        integer NOT NULL REFERENCES tenantdesk.shards (id) ON DELETE CASCADE,
    role            text    NOT NULL CHECK (role IN ('primary', 'replica')),
    host            text    NOT NULL CHECK (host <> ''),
    port            integer NOT NULL DEFAULT 5432 CHECK (port BETWEEN 1 AND 65535),
    max_lag_seconds numeric NOT NULL DEFAULT 5 CHECK (max_lag_seconds >= 0),
    UNIQUE (shard_id, host, port)
);
CREATE UNIQUE INDEX endpoints_one_primary ON tenantdesk.endpoints (shard_id) WHERE role = 'primary';

CREATE TABLE tenantdesk.templates (
    id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text    NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]*$' AND octet_length(name) <= 63),
    version         integer NOT NULL CHECK (version > 0),
    isolation_model text    NOT NULL CHECK (isolation_model IN ('schema', 'database', 'shared')),
    ddl             text    NOT NULL,   -- run inside the tenant's schema / database / once per shard
    description     text    NOT NULL DEFAULT '',
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, version, isolation_model)
);

CREATE TABLE tenantdesk.tenants (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug             text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9_-]*$' AND octet_length(slug) <= 63),
    display_name     text NOT NULL CHECK (display_name <> '' AND length(display_name) <= 200),
    isolation_model  text NOT NULL CHECK (isolation_model IN ('schema', 'database', 'shared')),
    shard_id         integer NOT NULL REFERENCES tenantdesk.shards (id),
    schema_name      text,   -- schema model: the tenant's schema in the shard's tenant database
    database_name    text,   -- database model: the tenant's own database on the shard
    tenant_key       uuid,   -- shared model: value of app.tenant_id guarding the shared tables
    template_name    text,
    template_version integer,
    state            text NOT NULL DEFAULT 'provisioning'
                     CHECK (state IN ('provisioning', 'active', 'failed', 'suspended', 'archived', 'deleting')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CHECK (CASE isolation_model
               WHEN 'schema'   THEN schema_name IS NOT NULL
               WHEN 'database' THEN database_name IS NOT NULL
               WHEN 'shared'   THEN tenant_key IS NOT NULL
           END)
);
CREATE INDEX tenants_shard ON tenantdesk.tenants (shard_id);
CREATE UNIQUE INDEX tenants_schema_per_shard ON tenantdesk.tenants (shard_id, schema_name) WHERE schema_name IS NOT NULL;
CREATE UNIQUE INDEX tenants_database_per_shard ON tenantdesk.tenants (shard_id, database_name) WHERE database_name IS NOT NULL;
CREATE UNIQUE INDEX tenants_key ON tenantdesk.tenants (tenant_key) WHERE tenant_key IS NOT NULL;

-- Domains route requests to tenants: a host ('acme.example.com'), a host and port
-- ('localhost', 8443) or a host and URL path prefix ('portal.example.com', '/globex').
CREATE TABLE tenantdesk.domains (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   bigint  NOT NULL REFERENCES tenantdesk.tenants (id) ON DELETE CASCADE,
    host        text    NOT NULL CHECK (host ~ '^[a-z0-9.-]+$' AND length(host) <= 253),
    port        integer CHECK (port BETWEEN 1 AND 65535),
    path_prefix text    CHECK (path_prefix ~ '^/[^?#]*$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX domains_route ON tenantdesk.domains (host, coalesce(port, 0), coalesce(path_prefix, ''));
CREATE INDEX domains_tenant ON tenantdesk.domains (tenant_id);

-- Every change made through TenantDesk, and every tenant opened by support staff.
CREATE TABLE tenantdesk.audit_log (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL DEFAULT session_user,
    action    text        NOT NULL,
    tenant_id bigint,
    slug      text,
    reason    text,
    details   jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_tenant ON tenantdesk.audit_log (tenant_id, at);
