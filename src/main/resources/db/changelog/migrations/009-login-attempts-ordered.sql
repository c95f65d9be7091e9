--liquibase formatted sql

--changeset pilothouse:009-login-failures-order
-- A login claims its attempt (a row here) before the password is checked, and may go on only if
-- fewer than the limit came before it: the id orders attempts that arrive at the same instant, so
-- a burst of parallel guesses cannot all pass the check before the first failure is written.
ALTER TABLE login_failures ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
-- Old rows are deleted by age on every failure.
CREATE INDEX login_failures_failed_at_idx ON login_failures (failed_at);
--rollback DROP INDEX login_failures_failed_at_idx;
--rollback ALTER TABLE login_failures DROP COLUMN id;
