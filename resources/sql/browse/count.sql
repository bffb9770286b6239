-- The exact number of a tenant's rows that match the filter. {relation} and {where} as in page.sql.
SELECT count(*)
FROM {relation}
WHERE {where}
