--liquibase formatted sql

--changeset pilothouse:001-users
CREATE TABLE users (
    id                  uuid PRIMARY KEY,
    username            text        NOT NULL,
    display_name        text        NOT NULL DEFAULT '',
    password_hash       text        NOT NULL,
    -- Platform administrator: manages users, roles, settings and reads the audit log.
    -- What a user may do on clusters is decided by RBAC roles and bindings (003).
    admin               boolean     NOT NULL DEFAULT false,
    disabled            boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    last_login_at       timestamptz
);
-- Usernames are unique regardless of case: "Admin" and "admin" are one account.
CREATE UNIQUE INDEX users_username_lower_uq ON users (lower(username));
--rollback DROP TABLE users;

--changeset pilothouse:001-login-failures
-- Failed logins per username, kept in the database so the limit holds across replicas.
CREATE TABLE login_failures (
    username  text        NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_username_at_idx ON login_failures (lower(username), failed_at);
--rollback DROP TABLE login_failures;

--changeset pilothouse:001-spring-session
-- Spring Session JDBC's own schema (PostgreSQL variant), owned here so it is versioned with the rest.
CREATE TABLE spring_session (
    primary_id            char(36)     NOT NULL,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval int          NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);
CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);
--rollback DROP TABLE spring_session_attributes;
--rollback DROP TABLE spring_session;
