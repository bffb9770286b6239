-- The key that orders the rows of relation $1 (oid) for keyset paging: the primary key, else
-- the unique index with the fewest columns that are all NOT NULL (valid, immediate, no
-- expression, no predicate). Its key column numbers (INCLUDE columns dropped) and its name.
SELECT ic.relname,
       i.indisprimary,
       (i.indkey::int2[])[0:i.indnkeyatts - 1]::text
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = $1
  AND i.indisunique AND i.indisvalid AND i.indimmediate
  AND i.indexprs IS NULL AND i.indpred IS NULL
  AND NOT EXISTS (SELECT 1
                  FROM unnest((i.indkey::int2[])[0:i.indnkeyatts - 1]) AS k(attnum)
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  WHERE NOT a.attnotnull)
ORDER BY i.indisprimary DESC, i.indnkeyatts, ic.relname
LIMIT 1
