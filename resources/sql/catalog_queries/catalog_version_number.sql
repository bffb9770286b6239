-- The catalog's version: the newest migration recorded (0 before the first).
SELECT coalesce(max(version), 0) FROM tenantdesk.schema_version
