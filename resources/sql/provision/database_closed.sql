-- Whether database $1 exists, accepts no connections and is owned by role $2: what CREATE DATABASE
-- leaves of a database tenant before its grants open it (only that role or a superuser can create
-- a database owned by it).
SELECT EXISTS (
    SELECT FROM pg_catalog.pg_database
    WHERE datname = $1 AND NOT datallowconn AND pg_catalog.pg_get_userbyid(datdba) = $2
)
