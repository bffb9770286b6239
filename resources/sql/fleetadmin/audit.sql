-- The audit row of a change to the fleet's shape: action $1 ('shard.add', ...), reason $2,
-- details $3 (JSON). Written in the transaction of the change.
INSERT INTO tenantdesk.audit_log (action, reason, details)
VALUES ($1, nullif($2, ''), $3::jsonb)
