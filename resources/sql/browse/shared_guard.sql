-- What decides whether rows of relation $1 (oid) can be shown to one shared-table tenant only:
-- its kind, row-level security enabled and forced, whether the browsing role owns it (or is a
-- member of its owner), is superuser or bypasses RLS, and its policies that do not read
-- app.tenant_id (a permissive policy that ignores the tenant would let every row through).
SELECT c.relkind,
       c.relrowsecurity,
       c.relforcerowsecurity,
       pg_has_role(current_user, c.relowner, 'MEMBER') AS owns,
       r.rolsuper,
       r.rolbypassrls,
       EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) AS has_policy,
       ARRAY(SELECT p.polname::text
             FROM pg_policy p
             WHERE p.polrelid = c.oid AND p.polpermissive AND p.polcmd IN ('r', '*')
               AND coalesce(pg_get_expr(p.polqual, p.polrelid), '') NOT LIKE '%app.tenant_id%'
             ORDER BY 1) AS loose_policies,
       current_user
FROM pg_class c, pg_roles r
WHERE c.oid = $1 AND r.rolname = current_user
