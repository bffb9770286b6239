-- What a catalog holds, and whether this role may change its tenants.
SELECT (SELECT count(*) FROM tenantdesk.shards),
       (SELECT count(*) FROM tenantdesk.endpoints),
       (SELECT count(*) FROM tenantdesk.tenants),
       (SELECT count(*) FROM tenantdesk.domains),
       has_table_privilege('tenantdesk.tenants', 'INSERT')
