-- The scratch databases of TemplateScratch on this server (tenantdesk_scratch_<time>_<random>).
SELECT d.datname FROM pg_catalog.pg_database d WHERE d.datname LIKE 'tenantdesk\_scratch\_%' ORDER BY 1
