-- Every shard with how many live tenants (any state but archived) it holds, by id.
SELECT s.id, s.name, s.tenant_database, s.capacity, s.state,
       (SELECT count(*) FROM tenantdesk.tenants t WHERE t.shard_id = s.id AND t.state <> 'archived')
  FROM tenantdesk.shards s
 ORDER BY s.id
