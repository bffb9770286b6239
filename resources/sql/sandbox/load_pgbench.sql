-- The sandbox's background load: one shopper's visit, as a pgbench script run with -M extended so
-- that every :variable reaches the server as a bound parameter. Per tenant, from -D: search_path
-- (the tenant's schema, public or shared), tenant_key (shared-table tenants, else none: pgbench
-- takes no empty values), customers and items (how many the tenant has).
\set k random(0, :customers - 1)
\set j random(0, :items - 1)
\set q random(1, 3)
BEGIN;
SELECT set_config('search_path', quote_ident(:search_path), true), set_config('app.tenant_id', nullif(:tenant_key, 'none'), true);
SELECT id, title, price FROM items ORDER BY id OFFSET :j LIMIT 10;
WITH c AS (SELECT id FROM customers ORDER BY id OFFSET :k LIMIT 1),
     i AS (SELECT id, price FROM items ORDER BY id OFFSET :j LIMIT 1),
     o AS (INSERT INTO orders (customer_id, total) SELECT c.id, i.price * :q::integer FROM c, i RETURNING id)
INSERT INTO order_lines (order_id, item_id, qty, unit_price) SELECT o.id, i.id, :q::integer, i.price FROM o, i;
SELECT o.id, o.status, o.total, c.name FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.placed_at DESC LIMIT 10;
COMMIT;
