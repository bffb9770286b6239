-- The per-statement statistics the dashboard shows, in template1 so that every database has them.
CREATE EXTENSION pg_stat_statements
