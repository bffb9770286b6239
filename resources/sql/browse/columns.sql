-- The columns of relation $1 (oid) in order: name, number, type with its modifier, the schema of
-- the type values are compared as, NOT NULL, that type's category, whether the column can be
-- ordered and compared, that type's name, and whether the column's own type is a domain over it.
-- Values are compared as the column's type with every domain taken off (also a domain under a
-- domain): reading a value as a domain runs the domain's checks, functions the tenant's owner
-- wrote. Cast by name, which has no modifier, so that neither
-- a filter value nor a key is cut or rounded (format_type without the modifier says "character",
-- which is char(1)). A column can be ordered when there is a default btree operator class for
-- that type, for a type it converts to without a function (varchar to text), or for the array,
-- enum and range pseudo-types; and only when reading a value of that type runs no one's code but
-- PostgreSQL's: a base type (only a superuser makes those), an enum, a built-in type, or an array
-- of one of them (not an array of a domain: its elements would be read as the domain).
WITH RECURSIVE
columns AS (
    SELECT a.attname, a.attnum, a.atttypid, a.atttypmod, a.attnotnull
    FROM pg_attribute a
    WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
),
undomained(start, oid) AS (
    SELECT atttypid, atttypid FROM columns
  UNION
    SELECT u.start, t.typbasetype
    FROM undomained u
    JOIN pg_type t ON t.oid = u.oid
    WHERE t.typtype = 'd'
),
compared(start, oid, safe) AS (
    SELECT u.start,
           u.oid,
           CASE WHEN t.typsubscript = 'pg_catalog.array_subscript_handler'::regproc
                THEN et.typtype IN ('b', 'e') OR (et.oid < 16384 AND et.typtype <> 'd')
                ELSE t.typtype IN ('b', 'e') OR u.oid < 16384 END
    FROM undomained u
    JOIN pg_type t ON t.oid = u.oid AND t.typtype <> 'd'
    LEFT JOIN pg_type et ON et.oid = t.typelem
)
SELECT c.attname,
       c.attnum,
       format_type(c.atttypid, c.atttypmod),
       cn.nspname,
       c.attnotnull,
       ct.typcategory,
       cmp.safe
       AND EXISTS (SELECT 1
                   FROM pg_opclass oc
                   JOIN pg_am am ON am.oid = oc.opcmethod
                   WHERE am.amname = 'btree' AND oc.opcdefault
                     AND (oc.opcintype IN (ct.oid,
                                           CASE ct.typcategory WHEN 'A' THEN 'anyarray'::regtype
                                                               WHEN 'E' THEN 'anyenum'::regtype
                                                               WHEN 'R' THEN 'anyrange'::regtype END)
                          OR EXISTS (SELECT 1 FROM pg_cast ca
                                     WHERE ca.castsource = ct.oid AND ca.casttarget = oc.opcintype
                                       AND ca.castmethod = 'b' AND ca.castcontext = 'i'))),
       ct.typname,
       c.atttypid <> ct.oid
FROM columns c
JOIN compared cmp ON cmp.start = c.atttypid
JOIN pg_type ct ON ct.oid = cmp.oid
JOIN pg_namespace cn ON cn.oid = ct.typnamespace
ORDER BY c.attnum
