-- The text forms an archive of rows is written and read in, the ones pg_dump also uses:
-- unambiguous dates, exact floats, hex bytea.
SET LOCAL DateStyle = ISO;
SET LOCAL IntervalStyle = postgres;
SET LOCAL extra_float_digits = 3;
SET LOCAL bytea_output = hex;
