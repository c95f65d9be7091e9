--liquibase formatted sql

--changeset pilothouse:003-roles
-- Roles are lists of rules (verbs, API groups, kinds); the RBAC engine reads them.
CREATE TABLE roles (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    description text        NOT NULL DEFAULT '',
    builtin     boolean     NOT NULL DEFAULT false,
    rules       jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
-- A binding grants a role to a user on some clusters and namespaces ('*' means all).
CREATE TABLE role_bindings (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_id    uuid        NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    clusters   text[]      NOT NULL DEFAULT ARRAY['*'],
    namespaces text[]      NOT NULL DEFAULT ARRAY['*'],
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX role_bindings_user_idx ON role_bindings (user_id);
--rollback DROP TABLE role_bindings;
--rollback DROP TABLE roles;

--changeset pilothouse:003-clusters
CREATE TABLE clusters (
    id                   uuid PRIMARY KEY,
    name                 text        NOT NULL UNIQUE,
    display_name         text        NOT NULL DEFAULT '',
    -- kubeconfig | in_cluster | demo
    source               text        NOT NULL CHECK (source IN ('kubeconfig', 'in_cluster', 'demo')),
    -- AES-GCM ciphertext from the platform's secret cipher; never returned by the API.
    kubeconfig_encrypted text,
    context              text,
    impersonate          boolean     NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
--rollback DROP TABLE clusters;
