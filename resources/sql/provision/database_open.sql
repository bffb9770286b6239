-- Whether database $1 accepts connections: a tenant database is created closed and opened in the
-- transaction that sets who may connect, so it is open exactly when its grants are there.
SELECT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = $1 AND datallowconn)
