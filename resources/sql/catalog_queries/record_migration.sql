-- Records that migration $1 ($2: what it does) was applied, in the transaction that applied it.
INSERT INTO tenantdesk.schema_version (version, description) VALUES ($1, $2)
