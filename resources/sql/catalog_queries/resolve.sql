-- Routes a host, host:port or URL to its tenant (the catalog's public routing function). $1: target.
SELECT tenant_id, slug, display_name, isolation_model, state, shard_name, host, port, dbname,
       schema_name, tenant_key, matched_domain
FROM tenantdesk.resolve($1)
