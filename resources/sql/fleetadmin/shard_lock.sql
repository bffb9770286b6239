-- Shard $1 (name), locked against concurrent edits and placements, with its live tenants
-- (any state but archived), those of them that live in its tenant database, and that database.
SELECT s.id, s.state,
       (SELECT count(*) FROM tenantdesk.tenants t WHERE t.shard_id = s.id AND t.state <> 'archived'),
       (SELECT count(*) FROM tenantdesk.tenants t
         WHERE t.shard_id = s.id AND t.state <> 'archived' AND t.isolation_model <> 'database'),
       s.tenant_database
  FROM tenantdesk.shards s
 WHERE s.name = $1
   FOR UPDATE
