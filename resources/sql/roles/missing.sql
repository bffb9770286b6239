-- Which of the roles $1 (a JSON array of names) do not exist on this server, in that order.
SELECT a
FROM pg_catalog.jsonb_array_elements_text($1::jsonb) WITH ORDINALITY AS x(a, n)
WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles r WHERE r.rolname = x.a)
ORDER BY x.n
