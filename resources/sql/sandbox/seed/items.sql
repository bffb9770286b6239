-- $1 items of the tenant whose tables are first on search_path, SKUs prefixed with $3, prices
-- scaled by the tenant's own factor $2 so that the same product costs differently per tenant.
-- Deterministic after setseed().
INSERT INTO items (sku, title, description, price, attributes)
SELECT $3::text || '-' || lpad(n::text, 5, '0'),
       adjective || ' ' || material || ' ' || (ARRAY['Mug', 'Backpack', 'Lamp', 'Chair', 'Notebook', 'Headphones',
                                                     'Jacket', 'Sneakers', 'Watch', 'Blender', 'Tent', 'Kettle'])[k],
       'A ' || lower(adjective) || ' ' || lower(material) || ' '
           || lower((ARRAY['mug', 'backpack', 'lamp', 'chair', 'notebook', 'pair of headphones', 'jacket',
                           'pair of sneakers', 'watch', 'blender', 'tent', 'kettle'])[k])
           || (ARRAY[' for everyday use.', ', built to last.', ' that ships in 24 hours.', ', a customer favourite.',
                     ' with a two-year warranty.'])[1 + floor(random() * 5)::int],
       round(((ARRAY[9, 49, 35, 120, 6, 89, 140, 95, 180, 70, 210, 30])[k] * (0.7 + random() * 0.6) * $2::float8)::numeric, 2),
       jsonb_build_object('color', color, 'size', size, 'weight_g', 100 + floor(random() * 4900)::int,
                          'in_stock', random() < 0.9)
FROM (
    SELECT n,
           1 + floor(random() * 12)::int AS k,
           (ARRAY['Classic', 'Compact', 'Deluxe', 'Eco', 'Ergonomic', 'Rugged', 'Sleek', 'Vintage', 'Smart',
                  'Handmade'])[1 + floor(random() * 10)::int] AS adjective,
           (ARRAY['Bamboo', 'Steel', 'Leather', 'Cotton', 'Ceramic', 'Oak', 'Aluminium', 'Wool'])
               [1 + floor(random() * 8)::int] AS material,
           (ARRAY['black', 'white', 'red', 'navy', 'olive', 'sand', 'grey'])[1 + floor(random() * 7)::int] AS color,
           (ARRAY['S', 'M', 'L', 'XL', 'one size'])[1 + floor(random() * 5)::int] AS size
    FROM generate_series(1, $1::integer) AS n
) AS i;
