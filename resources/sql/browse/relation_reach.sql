-- What reading each relation of $1 (oid[]) as the current role can make the server read or run,
-- found in pg_catalog without running anything. From a relation: the query of a view or
-- materialized view (its _RETURN rule), the inheritance children and partitions read with it, and
-- the USING expressions of its row-level security policies for reads (via: those that apply to this
-- role when it reads the relation itself, every one for a relation that a query reads, perhaps as a
-- view's owner, none for a child, which is read under its parent's policies).
-- From a function: its SQL-standard body (BEGIN ATOMIC) and, for an aggregate, its support
-- functions. From an operator: its function. From a type: its check constraints (a domain's) and
-- the types it is made of.
-- Expression trees are read twice: through pg_depend, which records what user objects they name
-- (also a relation named by a regclass constant), and from their text (:relid, :funcid, :opno,
-- ...), because pg_depend leaves out built-in objects such as pg_sleep or set_config. One row per
-- relation or function reached (each root relation included), with what decides whether a support
-- session may read it; RelationReach judges.
WITH RECURSIVE reach(root, classid, objid, via) AS (
    SELECT r, 'pg_class'::regclass::oid, r, 'root'
    FROM unnest($1::oid[]) r
  UNION
    SELECT g.root, e.classid, e.objid, e.via
    FROM reach g
    CROSS JOIN LATERAL (
        WITH tree(classid, objid, nodes) AS (
            SELECT 'pg_rewrite'::regclass::oid, w.oid, w.ev_action::text
            FROM pg_rewrite w
            WHERE g.classid = 'pg_class'::regclass AND w.ev_class = g.objid
          UNION ALL
            SELECT 'pg_policy'::regclass::oid, p.oid, coalesce(p.polqual::text, '')
            FROM pg_policy p
            WHERE g.classid = 'pg_class'::regclass AND p.polrelid = g.objid AND p.polcmd IN ('r', '*')
              AND (g.via = 'query'
                   OR (g.via = 'root'
                       AND (p.polroles = '{0}'
                            OR EXISTS (SELECT FROM unnest(p.polroles) o WHERE pg_has_role(current_user, o, 'MEMBER')))))
          UNION ALL
            SELECT 'pg_proc'::regclass::oid, f.oid, coalesce(f.prosqlbody::text, '')
            FROM pg_proc f
            WHERE g.classid = 'pg_proc'::regclass AND f.oid = g.objid
          UNION ALL
            SELECT 'pg_constraint'::regclass::oid, k.oid, coalesce(k.conbin::text, '')
            FROM pg_constraint k
            WHERE g.classid = 'pg_type'::regclass AND k.contypid = g.objid
        )
        SELECT d.refclassid, d.refobjid, 'query'
        FROM tree t
        CROSS JOIN LATERAL (SELECT d.refclassid, d.refobjid
                            FROM pg_depend d
                            WHERE d.classid = t.classid AND d.objid = t.objid
                            OFFSET 0) d
      UNION ALL
        SELECT CASE m[1] WHEN 'relid' THEN 'pg_class'::regclass::oid
                         WHEN 'opno' THEN 'pg_operator'::regclass::oid
                         WHEN 'resulttype' THEN 'pg_type'::regclass::oid
                         ELSE 'pg_proc'::regclass::oid END,
               m[2]::oid, 'query'
        FROM tree t, regexp_matches(t.nodes, ':(relid|funcid|opfuncid|aggfnoid|winfnoid|opno|resulttype) (\d+)', 'g') m
      UNION ALL
        SELECT 'pg_class'::regclass::oid, i.inhrelid, 'child'
        FROM pg_inherits i
        WHERE g.classid = 'pg_class'::regclass AND i.inhparent = g.objid
      UNION ALL
        SELECT 'pg_proc'::regclass::oid, s.fn, 'query'
        FROM pg_aggregate a,
             unnest(ARRAY[a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, a.aggdeserialfn,
                          a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn]::oid[]) s(fn)
        WHERE g.classid = 'pg_proc'::regclass AND a.aggfnoid = g.objid AND s.fn <> 0
      UNION ALL
        -- An operator's function, and the operators the planner may put in its place: its negator
        -- (NOT a = b becomes a <> b) and its commutator.
        SELECT u.classid, u.objid, 'query'
        FROM pg_operator o
        CROSS JOIN LATERAL (VALUES ('pg_catalog.pg_proc'::regclass::oid, o.oprcode::oid),
                                   ('pg_catalog.pg_operator'::regclass::oid, o.oprnegate),
                                   ('pg_catalog.pg_operator'::regclass::oid, o.oprcom)) u(classid, objid)
        WHERE g.classid = 'pg_operator'::regclass AND o.oid = g.objid
      UNION ALL
        -- A relation's row type: a whole-row reference carries it, and its fields' domains.
        SELECT 'pg_type'::regclass::oid, c.reltype, 'query'
        FROM pg_class c
        WHERE g.classid = 'pg_class'::regclass AND c.oid = g.objid
      UNION ALL
        -- A range's subtype difference, which the planner calls to estimate.
        SELECT 'pg_proc'::regclass::oid, r.rngsubdiff::oid, 'query'
        FROM pg_range r
        WHERE g.classid = 'pg_type'::regclass AND r.rngtypid = g.objid
      UNION ALL
        -- What a value of the type is made of, whose checks run when one is read or cast: a
        -- domain's base type, an array's elements, a composite's fields, a range's bounds.
        SELECT 'pg_type'::regclass::oid, u.part, 'query'
        FROM pg_type t
        CROSS JOIN LATERAL (SELECT t.typbasetype WHERE t.typtype = 'd'
                            UNION ALL
                            SELECT t.typelem WHERE t.typsubscript = 'pg_catalog.array_subscript_handler'::regproc
                            UNION ALL
                            SELECT a.atttypid FROM pg_attribute a
                            WHERE t.typtype = 'c' AND a.attrelid = t.typrelid AND a.attnum > 0
                              AND NOT a.attisdropped
                            UNION ALL
                            SELECT r.rngsubtype FROM pg_range r WHERE r.rngtypid = t.oid) u(part)
        WHERE g.classid = 'pg_type'::regclass AND t.oid = g.objid
    ) e(classid, objid, via)
    WHERE e.classid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_operator'::regclass, 'pg_type'::regclass)
      AND e.objid <> 0
      AND NOT (e.classid = g.classid AND e.objid = g.objid)  -- a rule's or policy's own relation
)
-- The lookups below are fenced (OFFSET 0) so that each reached object is found by its index,
-- not by hashing whole catalogs: a check runs before every page.
SELECT g.root,
       'relation' AS what,
       c.nspname,
       c.relname,
       c.relkind,
       false AS secdef, NULL AS volatility, NULL AS language, false AS followed, false AS configured,
       false AS runs_sql_text, false AS calls_json_casts
FROM (SELECT DISTINCT root, classid, objid FROM reach) g
CROSS JOIN LATERAL (SELECT n.nspname, c.relname, c.relkind::text
                    FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.oid = g.objid
                    OFFSET 0) c
WHERE g.classid = 'pg_class'::regclass
UNION ALL
SELECT g.root, 'function', p.*
FROM (SELECT DISTINCT root, classid, objid FROM reach) g
CROSS JOIN LATERAL (
    SELECT n.nspname,
           p.oid::regprocedure::text,
           p.prokind::text,
           p.prosecdef,
           p.provolatile::text,
           l.lanname,
           p.prokind = 'a' OR p.prosqlbody IS NOT NULL,
           p.proconfig IS NOT NULL,
           -- Built-ins that read rows of any relation named in text, or run a query given as
           -- text: nothing in the catalog says what they read.
           n.nspname = 'pg_catalog' AND p.proname IN (
               'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema', 'cursor_to_xml',
               'cursor_to_xmlschema', 'table_to_xml', 'table_to_xmlschema', 'table_to_xml_and_xmlschema',
               'schema_to_xml', 'schema_to_xmlschema', 'schema_to_xml_and_xmlschema', 'database_to_xml',
               'database_to_xmlschema', 'database_to_xml_and_xmlschema', 'ts_stat', 'ts_rewrite'),
           -- Built-ins that turn any value into JSON call a cast to json that someone wrote for
           -- the value's type; which types they meet, the catalog does not say. So: none while any
           -- such cast exists in this database.
           n.nspname = 'pg_catalog'
               AND p.proname ~ '^(to_jsonb?|row_to_json|array_to_json|jsonb?_build_(object|array)|jsonb?_(object_)?agg.*)$'
               AND EXISTS (SELECT FROM pg_cast ca
                           JOIN pg_proc cf ON cf.oid = ca.castfunc
                           JOIN pg_language cl ON cl.oid = cf.prolang
                           WHERE ca.casttarget IN ('pg_catalog.json'::regtype, 'pg_catalog.jsonb'::regtype)
                             AND cl.lanname NOT IN ('internal', 'c'))
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    JOIN pg_language l ON l.oid = p.prolang
    WHERE p.oid = g.objid
    OFFSET 0) p
WHERE g.classid = 'pg_proc'::regclass
