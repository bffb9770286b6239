-- Benchmarks start right away: hint bits set, visibility map and statistics current.
VACUUM (ANALYZE) tenantdesk.tenants
