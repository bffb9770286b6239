-- Warnings that are not news stay out of the log for the rest of the transaction (granting on all
-- tables of a copy of template1 warns about the superuser's extension views).
SET LOCAL client_min_messages = error
