-- Takes shared-table tenant $1 (its key) off the deny list of this shard database.
DELETE FROM tenantdesk_shard.suspended_tenants WHERE tenant_key = $1::uuid
