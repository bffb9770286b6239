-- The extensions of this database that pg_dump dumps (not those of initdb, such as plpgsql, whose
-- oids are below FirstNormalObjectId), and whether only a superuser may create it: not trusted
-- and marked superuser, or not available on this server at all.
SELECT e.extname,
       coalesce(v.superuser AND NOT v.trusted, true) AS superuser_only
FROM pg_catalog.pg_extension e
LEFT JOIN pg_catalog.pg_available_extension_versions v ON v.name = e.extname AND v.version = e.extversion
WHERE e.oid >= 16384
ORDER BY e.extname
