-- Scopes the current transaction to one shared-table tenant: the forced row-level security
-- policies of the shared tables compare tenant_id with this setting. $1: the tenant key (uuid).
-- is_local = true: the setting ends with the transaction, never outliving it on the connection.
SELECT set_config('app.tenant_id', $1, true)
