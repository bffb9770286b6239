-- The 'store' template, version 1, for shared-table tenants: the same online store in schema
-- `shared` of a shard's tenants database, once per shard. Every row carries its tenant_id, which
-- defaults to the session's app.tenant_id, and row-level security (forced, so that the owner is
-- bound by it too) shows and accepts only the rows of the tenant named by that setting.
CREATE SCHEMA shared;

CREATE TABLE shared.customers (
    tenant_id  uuid        NOT NULL DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid,
    id         bigint      GENERATED ALWAYS AS IDENTITY,
    name       text        NOT NULL,
    email      text        NOT NULL,
    country    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, email)
);

CREATE TABLE shared.items (
    tenant_id   uuid          NOT NULL DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid,
    id          bigint        GENERATED ALWAYS AS IDENTITY,
    sku         text          NOT NULL,
    title       text          NOT NULL,
    description text          NOT NULL DEFAULT '',
    price       numeric(10,2) NOT NULL CHECK (price >= 0),
    attributes  jsonb         NOT NULL DEFAULT '{}',
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, sku)
);

CREATE TABLE shared.orders (
    tenant_id   uuid          NOT NULL DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid,
    id          bigint        GENERATED ALWAYS AS IDENTITY,
    customer_id bigint        NOT NULL,
    status      text          NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    placed_at   timestamptz   NOT NULL DEFAULT now(),
    total       numeric(12,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, customer_id) REFERENCES shared.customers (tenant_id, id)
);
CREATE INDEX orders_customer ON shared.orders (tenant_id, customer_id);
CREATE INDEX orders_placed_at ON shared.orders (tenant_id, placed_at);

CREATE TABLE shared.order_lines (
    tenant_id  uuid          NOT NULL DEFAULT nullif(current_setting('app.tenant_id', true), '')::uuid,
    id         bigint        GENERATED ALWAYS AS IDENTITY,
    order_id   bigint        NOT NULL,
    item_id    bigint        NOT NULL,
    qty        integer       NOT NULL CHECK (qty > 0),
    unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, order_id) REFERENCES shared.orders (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, item_id) REFERENCES shared.items (tenant_id, id)
);
CREATE INDEX order_lines_order ON shared.order_lines (tenant_id, order_id);
CREATE INDEX order_lines_item ON shared.order_lines (tenant_id, item_id);

ALTER TABLE shared.customers ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE shared.items ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE shared.orders ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE shared.order_lines ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON shared.customers
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON shared.items
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON shared.orders
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON shared.order_lines
    USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
    WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
