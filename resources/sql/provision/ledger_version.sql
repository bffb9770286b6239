-- The template version recorded for schema $1 in this database, locked until the transaction
-- ends so that two upgrades of the same tables take turns (no row: nothing recorded).
SELECT template_version FROM tenantdesk_shard.template_versions WHERE schema_name = $1 FOR UPDATE
