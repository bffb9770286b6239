-- Template $1 version $2 for each isolation model, from $3: a JSON array of
-- {"isolation_model", "ddl", "description"}.
INSERT INTO tenantdesk.templates (name, version, isolation_model, ddl, description)
SELECT $1::text, $2::integer, t.isolation_model, t.ddl, t.description
FROM jsonb_to_recordset($3::jsonb) AS t (isolation_model text, ddl text, description text);
