-- The shape of the fleet (shards, endpoints, fleet roles, app layouts) as a number bumped by every
-- change (catalog v5): the Load tab reads its endpoints again when it moves.
SELECT g.generation
FROM tenantdesk.fleet_generation g
