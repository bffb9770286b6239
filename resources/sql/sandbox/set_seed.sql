-- Seeds random() for the rest of the session: the same tenant gets the same data in every sandbox.
SELECT pg_catalog.setseed($1)
