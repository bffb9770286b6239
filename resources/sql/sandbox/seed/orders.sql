-- $1 orders with one to four lines each for the tenant whose tables are first on search_path,
-- placed by its customers over the last year, oldest first; the status follows the age. Lines
-- carry the item's (tenant-specific) price. Totals are filled in by order_totals.sql.
-- Deterministic after setseed().
WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM customers),
     it AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(price ORDER BY id) AS prices FROM items),
     o AS (
        INSERT INTO orders (customer_id, status, placed_at)
        SELECT customer_id,
               CASE WHEN r < 0.04 THEN 'cancelled'
                    WHEN r < 0.06 THEN 'refunded'
                    WHEN placed_at > now() - interval '1 day' THEN 'pending'
                    WHEN placed_at > now() - interval '3 days' THEN 'paid'
                    WHEN placed_at > now() - interval '10 days' THEN 'shipped'
                    ELSE 'delivered' END,
               placed_at
        FROM (SELECT c.ids[1 + floor(random() * cardinality(c.ids))::int] AS customer_id,
                     now() - random() * interval '365 days' AS placed_at,
                     random() AS r
              FROM generate_series(1, $1::integer), c) AS p
        ORDER BY placed_at
        RETURNING id, 1 + floor(random() * random() * 4)::int AS lines)
INSERT INTO order_lines (order_id, item_id, qty, unit_price)
SELECT pick.order_id, it.ids[pick.k], pick.qty, it.prices[pick.k]
FROM (SELECT o.id AS order_id,
             1 + floor(random() * (SELECT cardinality(ids) FROM it))::int AS k,
             1 + floor(random() * random() * 3)::int AS qty
      FROM o, generate_series(1, o.lines)) AS pick,
     it;
