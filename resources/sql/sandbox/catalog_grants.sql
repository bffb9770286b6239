-- Who reads the sandbox catalog besides its owner tenantdesk_admin: the application, which routes
-- requests with tenantdesk.resolve(), and support staff, who find tenants through it. Tables that
-- later migrations add (run as tenantdesk_admin) are covered by the default privileges.
GRANT USAGE ON SCHEMA tenantdesk TO tenantdesk_support, tenantdesk_app;
GRANT SELECT ON ALL TABLES IN SCHEMA tenantdesk TO tenantdesk_support, tenantdesk_app;
ALTER DEFAULT PRIVILEGES FOR ROLE tenantdesk_admin IN SCHEMA tenantdesk
    GRANT SELECT ON TABLES TO tenantdesk_support, tenantdesk_app;
