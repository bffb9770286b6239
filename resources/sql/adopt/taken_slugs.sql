-- Every slug of the catalog: a proposed slug must differ from each, also with '-' read as '_'.
SELECT slug FROM tenantdesk.tenants
