-- What shows whether rows of relation $1 (oid) can be confined to one shared-table tenant for the
-- browsing role: whether the role may read it at all, its kind, row-level security enabled and forced, whether the role owns it (or is
-- a member of its owner), is superuser or bypasses RLS, whether it has the tenant key column $2,
-- and the names of the policies that apply to the role when it reads (for messages). Whether the
-- policies really filter by app.tenant_id is proved by SharedTableGuard's probe, not read here.
SELECT c.relkind,
       c.relrowsecurity,
       c.relforcerowsecurity,
       pg_has_role(current_user, c.relowner, 'MEMBER') AS owns,
       r.rolsuper,
       r.rolbypassrls,
       EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $2 AND a.attnum > 0
                                           AND NOT a.attisdropped) AS has_tenant_column,
       ARRAY(SELECT p.polname::text
             FROM pg_policy p
             WHERE p.polrelid = c.oid AND p.polcmd IN ('r', '*')
               AND (p.polroles = '{0}'
                    OR EXISTS (SELECT FROM unnest(p.polroles) o WHERE pg_has_role(current_user, o, 'MEMBER')))
             ORDER BY 1) AS policies,
       current_user,
       has_table_privilege(c.oid, 'SELECT') AS readable
FROM pg_class c, pg_roles r
WHERE c.oid = $1 AND r.rolname = current_user
