-- Does this database hold a TenantDesk catalog, and does it have a version table?
SELECT to_regnamespace('tenantdesk') IS NOT NULL AS has_schema,
       to_regclass('tenantdesk.schema_version') IS NOT NULL AS has_version_table
