-- How many tenants each shard holds, by isolation model and state.
SELECT shard_id, isolation_model, state, count(*)
FROM tenantdesk.tenants
GROUP BY shard_id, isolation_model, state
