-- SQLite: forgets samples older than the cutoff (ms), the only parameter.
DELETE FROM samples WHERE ts < ?
