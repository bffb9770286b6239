-- How many tenants of each template are at each version, by isolation model and state, with the
-- template's latest version: what the template upgrades have left to do.
SELECT t.template_name, t.isolation_model, t.template_version, t.state, count(*),
       (SELECT max(v.version) FROM tenantdesk.templates v
        WHERE v.name = t.template_name AND v.isolation_model = t.isolation_model)
FROM tenantdesk.tenants t
WHERE t.template_name IS NOT NULL
GROUP BY t.template_name, t.isolation_model, t.template_version, t.state
ORDER BY 1, 2, 3, 4
