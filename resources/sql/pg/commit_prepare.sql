-- Run right before COMMIT (PgConnection::commit()): raises synchronous_commit to at least 'on' for
-- this transaction (what TenantDesk commits is an admin's change with its audit row, and must
-- survive a server crash whatever the server's or role's default), and returns the transaction's
-- id (0 when it wrote nothing), so that the outcome of a COMMIT whose answer is lost can be asked
-- for by id (pg/transaction_status.sql).
SELECT coalesce(pg_catalog.txid_current_if_assigned(), 0),
       CASE WHEN pg_catalog.current_setting('synchronous_commit') NOT IN ('on', 'remote_apply')
            THEN pg_catalog.set_config('synchronous_commit', 'on', true) END
