-- What became of the transaction $1 (an id with its epoch, as txid_current_if_assigned() gave it):
-- 'committed', 'aborted' or 'in progress'; NULL when it is too old for the server to remember.
SELECT pg_catalog.txid_status($1::bigint)
