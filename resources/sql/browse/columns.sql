-- The columns of relation $1 (oid) in order: name, number, type with its modifier, NOT NULL,
-- the category of the base type (domains look through to it), whether it can be ordered (a
-- default btree operator class for the type, for a type it converts to without a function, as
-- varchar to text, or for the array, enum and range pseudo-types), and the schema and name of
-- the base type: values are cast to it by name, which has no modifier, so that neither a
-- filter value nor a key is cut or rounded (format_type without the modifier says "character",
-- which is char(1)).
SELECT a.attname,
       a.attnum,
       format_type(a.atttypid, a.atttypmod),
       bn.nspname,
       a.attnotnull,
       bt.typcategory,
       EXISTS (SELECT 1
               FROM pg_opclass oc
               JOIN pg_am am ON am.oid = oc.opcmethod
               WHERE am.amname = 'btree' AND oc.opcdefault
                 AND (oc.opcintype IN (bt.oid,
                                       CASE bt.typcategory WHEN 'A' THEN 'anyarray'::regtype
                                                           WHEN 'E' THEN 'anyenum'::regtype
                                                           WHEN 'R' THEN 'anyrange'::regtype END)
                      OR EXISTS (SELECT 1 FROM pg_cast ca
                                 WHERE ca.castsource = bt.oid AND ca.casttarget = oc.opcintype
                                   AND ca.castmethod = 'b' AND ca.castcontext = 'i'))),
       bt.typname
FROM pg_attribute a
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
JOIN pg_namespace bn ON bn.oid = bt.typnamespace
WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
