-- The shared-table tenants on the deny list of this shard database (none before TenantDesk's
-- records exist here).
SELECT tenant_key::text FROM tenantdesk_shard.suspended_tenants
