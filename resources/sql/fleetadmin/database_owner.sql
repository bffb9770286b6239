-- Who may grant on database $1: its owner, and whether the session's role may act for it (a
-- member that inherits, or a superuser). No row when it does not exist.
SELECT pg_catalog.pg_get_userbyid(d.datdba),
       pg_catalog.pg_has_role(current_user, d.datdba, 'USAGE')
       OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user)
  FROM pg_catalog.pg_database d
 WHERE d.datname = $1
