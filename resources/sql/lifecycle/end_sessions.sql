-- Ends the sessions $1 (a JSON array of process ids, from app_sessions.sql), waiting up to $2 ms
-- for each to go. What is left is checked afterwards: a session may also be ending by itself.
SELECT pg_catalog.pg_terminate_backend(p::integer, $2::bigint)
FROM pg_catalog.jsonb_array_elements_text($1::jsonb) p
