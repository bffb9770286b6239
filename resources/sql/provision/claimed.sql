-- Read back after the answer to a claim's COMMIT was lost: whether tenant $1 (slug) was claimed by
-- the run whose claim token $2 is in the claim's audit row (written in the claim's statement),
-- and the tenant's id.
SELECT EXISTS (
           SELECT FROM tenantdesk.tenants t
           JOIN tenantdesk.audit_log a ON a.tenant_id = t.id
           WHERE t.slug = $1 AND a.action = 'tenant.provision' AND a.details ->> 'claim' = $2
       ),
       (SELECT id FROM tenantdesk.tenants WHERE slug = $1)
