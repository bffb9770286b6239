-- The startup settings of a connection through a transaction-pooling PgBouncer, for the current
-- transaction only (PgConnection, StartupSettings): $1 is a JSON array of [name, value] pairs, set
-- in the order the array gives them.
SELECT pg_catalog.set_config(s.setting ->> 0, s.setting ->> 1, true)
FROM pg_catalog.jsonb_array_elements($1::jsonb) AS s(setting)
