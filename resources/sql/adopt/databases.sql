-- The databases of this server that may hold a tenant, with their owner: not templates, not
-- postgres, not TenantDesk's template databases (tenant_template...).
SELECT d.datname, pg_catalog.pg_get_userbyid(d.datdba)
  FROM pg_catalog.pg_database d
 WHERE NOT d.datistemplate AND d.datname <> 'postgres' AND d.datname NOT LIKE 'tenant\_template%'
 ORDER BY 1
