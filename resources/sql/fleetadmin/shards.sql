-- Every shard with how many live tenants (any state but archived) it holds and its own application
-- roles (JSON; 'null': the fleet's) and the owner of its new tenants (NULL: the fleet's owner), by id.
SELECT s.id, s.name, s.tenant_database, s.capacity, s.state,
       (SELECT count(*) FROM tenantdesk.tenants t WHERE t.shard_id = s.id AND t.state <> 'archived'),
       (to_jsonb(s) -> 'app_roles')::text, to_jsonb(s) ->> 'tenant_owner'
  FROM tenantdesk.shards s
 ORDER BY s.id
