--liquibase formatted sql

--changeset pilothouse:010-login-failures-by-address
-- Failed logins are counted per (username, client address), so nobody can keep another person's
-- account locked from elsewhere, and per address, so spraying guesses across usernames is slowed.
ALTER TABLE login_failures ADD COLUMN client_address text;
CREATE INDEX login_failures_address_idx ON login_failures (client_address, failed_at);
--rollback DROP INDEX login_failures_address_idx;
--rollback ALTER TABLE login_failures DROP COLUMN client_address;
