-- Every template version, by name, isolation model and version: what the provision wizard offers
-- and `tenantctl templates list` shows, with when it was added and how many tenants use it.
SELECT t.name, t.isolation_model, t.version, t.description, t.upgrade_ddl IS NOT NULL AS upgradable,
       to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created,
       (SELECT count(*) FROM tenantdesk.tenants n
        WHERE n.template_name = t.name AND n.template_version = t.version
          AND n.isolation_model = t.isolation_model) AS tenants
FROM tenantdesk.templates t
ORDER BY t.name, t.isolation_model, t.version
