-- Whether this shard database has TenantDesk's records (shard_ledger.sql).
SELECT pg_catalog.to_regclass('tenantdesk_shard.suspended_tenants') IS NOT NULL
