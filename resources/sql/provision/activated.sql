-- Read back after the answer to an activation's COMMIT was lost: whether tenant $1 (slug), claimed
-- with token $2, was activated (its 'tenant.activate' audit row is written in the statement that
-- sets the state, so it is there exactly when that committed), and the tenant's id.
SELECT EXISTS (
           SELECT FROM tenantdesk.tenants t
           JOIN tenantdesk.audit_log c ON c.tenant_id = t.id
           JOIN tenantdesk.audit_log a ON a.tenant_id = t.id
           WHERE t.slug = $1 AND c.action = 'tenant.provision' AND c.details ->> 'claim' = $2
             AND a.action = 'tenant.activate'
       ),
       (SELECT id FROM tenantdesk.tenants WHERE slug = $1)
