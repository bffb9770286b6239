-- What the support and application roles may do with what tenantdesk_owner creates in this
-- database from now on. Default privileges are per database: this runs in each shard's `tenants`
-- database and in `tenant_template`, whose copies (the database tenants) inherit them.
ALTER DEFAULT PRIVILEGES FOR ROLE tenantdesk_owner GRANT USAGE ON SCHEMAS TO tenantdesk_support, tenantdesk_app;
ALTER DEFAULT PRIVILEGES FOR ROLE tenantdesk_owner GRANT SELECT ON TABLES TO tenantdesk_support;
ALTER DEFAULT PRIVILEGES FOR ROLE tenantdesk_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tenantdesk_app;
ALTER DEFAULT PRIVILEGES FOR ROLE tenantdesk_owner GRANT USAGE, SELECT ON SEQUENCES TO tenantdesk_app;
