--liquibase formatted sql

--changeset pilothouse:006-role-bindings-unique
-- One user, one role, one scope: a second identical binding would only make removal confusing.
-- The service stores scopes sorted and deduplicated, so equal scopes are equal arrays.
CREATE UNIQUE INDEX role_bindings_user_role_scope_uq ON role_bindings (user_id, role_id, clusters, namespaces);
-- "Is this role still bound?" before a role is deleted.
CREATE INDEX role_bindings_role_idx ON role_bindings (role_id);
--rollback DROP INDEX role_bindings_role_idx;
--rollback DROP INDEX role_bindings_user_role_scope_uq;
