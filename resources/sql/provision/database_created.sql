-- Whether database $1 exists on this server (CREATE DATABASE commits by itself, all or nothing).
SELECT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = $1)
