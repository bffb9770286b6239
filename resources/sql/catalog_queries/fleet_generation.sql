-- The fleet's shape counter (catalog version 5): bumped on every change of shards, endpoints,
-- fleet roles and app layouts.
SELECT generation FROM tenantdesk.fleet_generation
