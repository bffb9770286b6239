-- SQLite: forgets the minutes older than the cutoff (ms), the only parameter.
DELETE FROM minutes WHERE minute < ?
