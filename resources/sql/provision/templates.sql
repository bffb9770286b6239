-- Every template version, by name, isolation model and version: what the provision wizard offers.
SELECT name, isolation_model, version, description, upgrade_ddl IS NOT NULL AS upgradable
FROM tenantdesk.templates
ORDER BY name, isolation_model, version
