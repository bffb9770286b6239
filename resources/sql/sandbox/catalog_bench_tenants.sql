-- $1 catalog-only tenants (bench-000001, bench-000002, ...) made from template $2 version $3, for
-- benchmarks of a large catalog: spread over every shard, all three isolation models, mostly
-- active with some in the other lifecycle states. Nothing exists for them on the shard servers,
-- and they have no domains (the domains.host CHECK costs about 80 us a row: 8 s for 100,000).
WITH shard AS (SELECT array_agg(id ORDER BY id) AS ids FROM tenantdesk.shards)
INSERT INTO tenantdesk.tenants (slug, display_name, isolation_model, shard_id, schema_name, database_name,
                                tenant_key, template_name, template_version, state, created_at, updated_at)
SELECT b.slug,
       (ARRAY['Acme', 'Blue', 'Nova', 'Summit', 'Harbor', 'Pixel', 'Cedar', 'Orbit', 'Maple', 'Quantum',
              'Silver', 'Atlas', 'Zephyr', 'Golden', 'Iron'])[1 + b.g % 15]
           || ' ' || (ARRAY['Labs', 'Foods', 'Outfitters', 'Analytics', 'Logistics', 'Studio', 'Health',
                            'Motors', 'Books', 'Travel', 'Energy'])[1 + b.g / 15 % 11]
           || ' ' || b.g,
       b.model,
       shard.ids[1 + b.g % cardinality(shard.ids)],
       CASE b.model WHEN 'schema' THEN replace(b.slug, '-', '_') END,
       CASE b.model WHEN 'database' THEN 'tenant_' || replace(b.slug, '-', '_') END,
       CASE b.model WHEN 'shared' THEN md5(b.slug)::uuid END,
       $2::text, $3::integer,
       CASE WHEN b.g % 307 = 0 THEN 'provisioning'
            WHEN b.g % 211 = 0 THEN 'failed'
            WHEN b.g % 97 = 0 THEN 'archived'
            WHEN b.g % 50 = 0 THEN 'suspended'
            ELSE 'active' END,
       b.created_at, b.created_at
FROM (SELECT g,
             'bench-' || lpad(g::text, 6, '0') AS slug,
             (ARRAY['schema', 'database', 'shared'])[1 + g % 3] AS model,
             now() - ($1::integer - g) * interval '5 minutes' AS created_at
      FROM generate_series(1, $1::integer) AS g) AS b,
     shard
ORDER BY b.g;
