-- The 'store' template, version 1, for schema and database tenants: an online store. Runs as
-- tenantdesk_owner inside the tenant's schema (search_path set to it) or, for a database tenant,
-- in the public schema of tenant_template, from which every tenant database is copied.
CREATE TABLE customers (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text        NOT NULL,
    email      text        NOT NULL UNIQUE,
    country    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE items (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text          NOT NULL UNIQUE,
    title       text          NOT NULL,
    description text          NOT NULL DEFAULT '',
    price       numeric(10,2) NOT NULL CHECK (price >= 0),
    attributes  jsonb         NOT NULL DEFAULT '{}'
);

CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint        NOT NULL REFERENCES customers (id),
    status      text          NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')),
    placed_at   timestamptz   NOT NULL DEFAULT now(),
    total       numeric(12,2) NOT NULL DEFAULT 0
);
CREATE INDEX orders_customer ON orders (customer_id);
CREATE INDEX orders_placed_at ON orders (placed_at);

CREATE TABLE order_lines (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id   bigint        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    item_id    bigint        NOT NULL REFERENCES items (id),
    qty        integer       NOT NULL CHECK (qty > 0),
    unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0)
);
CREATE INDEX order_lines_order ON order_lines (order_id);
CREATE INDEX order_lines_item ON order_lines (item_id);
