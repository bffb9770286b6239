-- Whether shared-table tenant $1 (its key) is on no deny list of this shard database.
SELECT NOT EXISTS (SELECT FROM tenantdesk_shard.suspended_tenants WHERE tenant_key = $1::uuid)
