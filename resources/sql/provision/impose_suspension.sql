-- Puts shared-table tenant $1 (its key) on the deny list of this shard database: the application
-- role no longer sees or writes its rows (shared_guard.sql).
INSERT INTO tenantdesk_shard.suspended_tenants (tenant_key) VALUES ($1::uuid) ON CONFLICT DO NOTHING
