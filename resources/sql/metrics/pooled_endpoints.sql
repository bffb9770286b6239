-- The endpoints behind a transaction-pooling PgBouncer (catalog v5): sampled without startup
-- options and without named statements.
SELECT e.id
FROM tenantdesk.endpoints e
WHERE e.pooling = 'transaction'
