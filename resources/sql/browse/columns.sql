-- The columns of relation $1 (oid) in order: name, number, type with and without its modifier, NOT NULL,
-- the category of the base type (domains look through to it) and whether it can be ordered
-- (a default btree operator class, also through the array, enum and range pseudo-types).
SELECT a.attname,
       a.attnum,
       format_type(a.atttypid, a.atttypmod),
       format_type(a.atttypid, NULL),
       a.attnotnull,
       bt.typcategory,
       EXISTS (SELECT 1
               FROM pg_opclass oc
               JOIN pg_am am ON am.oid = oc.opcmethod
               WHERE am.amname = 'btree' AND oc.opcdefault
                 AND oc.opcintype IN (bt.oid,
                                      CASE bt.typcategory WHEN 'A' THEN 'anyarray'::regtype
                                                          WHEN 'E' THEN 'anyenum'::regtype
                                                          WHEN 'R' THEN 'anyrange'::regtype END))
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
