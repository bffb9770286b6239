-- The databases of this server that may hold a tenant, with their owner: not templates, not
-- postgres, not TenantDesk's template databases (tenant_template, tenant_template_<name>_v<n>, and
-- tdbuild_<name>_v<n> where one is built: TenantNames::isTemplateDatabase).
SELECT d.datname, pg_catalog.pg_get_userbyid(d.datdba)
  FROM pg_catalog.pg_database d
 WHERE NOT d.datistemplate AND d.datname <> 'postgres' AND d.datname <> 'tenant_template'
   AND d.datname NOT LIKE 'tenant\_template\_%' AND d.datname NOT LIKE 'tdbuild\_%'
 ORDER BY 1
