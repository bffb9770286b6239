-- Statistics for the rows just seeded.
ANALYZE
