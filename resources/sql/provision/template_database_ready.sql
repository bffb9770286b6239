-- Whether the template database $1 exists. It is built under another name and renamed into place
-- once its DDL committed, so a template database of that name is complete.
SELECT EXISTS (SELECT FROM pg_catalog.pg_database WHERE datname = $1)
