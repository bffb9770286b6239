-- Routes a host, host:port or URL to its tenant (the catalog's public routing function): the tenant's
-- id, for tenant_records.sql, and the route that matched. $1: target.
SELECT tenant_id, matched_domain
FROM tenantdesk.resolve($1)
