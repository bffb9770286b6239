-- Sets every order's total from its lines, for the tenant whose tables are first on search_path.
UPDATE orders o
SET total = l.total
FROM (SELECT order_id, sum(qty * unit_price) AS total FROM order_lines GROUP BY order_id) AS l
WHERE l.order_id = o.id;
